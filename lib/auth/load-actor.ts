import { db } from "@/lib/db/client";
import type { Actor } from "./actor";

/** Builds an Actor from a user id (also used by tests and background jobs acting for a person). */
export async function loadActor(userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      platformRole: true,
      associate: { select: { id: true, active: true } },
      memberships: {
        select: { role: true, organisation: { select: { id: true, slug: true, name: true } } },
        orderBy: { organisation: { name: "asc" } },
      },
    },
  });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.platformRole,
    associateId: user.platformRole === "ASSOCIATE" && user.associate ? user.associate.id : null,
    memberships: user.memberships.map((m) => ({
      organisationId: m.organisation.id,
      slug: m.organisation.slug,
      name: m.organisation.name,
      role: m.role,
    })),
  };
}

