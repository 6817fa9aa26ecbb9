import "server-only";
import { cache } from "react";
import type { MembershipRole, PlatformRole } from "@/lib/db/generated/prisma/enums";
import { auth } from "./config";
import { loadActor } from "./load-actor";

export { loadActor };

/** Who is asking. Produced only here; use cases take it as their first argument. */
export type Actor = {
  userId: string;
  email: string;
  name: string | null;
  role: PlatformRole;
  /** Set when the person is an associate. */
  associateId: string | null;
  memberships: { organisationId: string; slug: string; name: string; role: MembershipRole }[];
};

/** The signed-in person, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return loadActor(userId);
});

/** Where a person lands after signing in. */
export function homePathFor(actor: Actor): string {
  if (actor.role === "DIRECTOR") return "/director";
  if (actor.role === "ASSOCIATE") return "/associate";
  const first = actor.memberships[0];
  return first ? `/org/${first.slug}` : "/welcome";
}
