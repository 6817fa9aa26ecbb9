import "server-only";
import type { AssociateActor } from "@/lib/auth/guards";
import { scopeAssociates, scopeDeliveries } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";

/** An associate's next sessions, the offers waiting for them, and their checks due soon. */
export async function getAssociateHome({ actor, now = new Date() }: { actor: AssociateActor; now?: Date }) {
  const associateId = actor.associateId;
  const deliverySelect = {
    id: true,
    startsAt: true,
    endsAt: true,
    mode: true,
    location: true,
    status: true,
    engagement: {
      select: {
        attendeeCount: true,
        organisation: { select: { name: true } },
        service: { select: { name: true } },
        _count: { select: { attendees: true } },
      },
    },
    assignments: {
      where: { status: { in: ["OFFERED", "ACCEPTED"] as ("OFFERED" | "ACCEPTED")[] }, associateId: { not: associateId } },
      select: { role: true, associate: { select: { user: { select: { name: true } } } } },
    },
  } as const;
  const [profile, upcoming, offers, compliance] = await Promise.all([
    db.associate.findFirst({
      where: scopeAssociates(actor),
      select: { expertise: true, user: { select: { name: true } } },
    }),
    db.assignment.findMany({
      where: { associateId, status: "ACCEPTED", delivery: { ...scopeDeliveries(actor), startsAt: { gte: now }, status: { not: "CANCELLED" } } },
      orderBy: { delivery: { startsAt: "asc" } },
      take: 8,
      select: { id: true, role: true, feePence: true, delivery: { select: deliverySelect } },
    }),
    db.assignment.findMany({
      where: { associateId, status: "OFFERED", delivery: { startsAt: { gte: now } } },
      orderBy: { expiresAt: "asc" },
      select: { id: true, role: true, feePence: true, expiresAt: true, delivery: { select: deliverySelect } },
    }),
    db.complianceRecord.findMany({
      where: { associateId, expiresOn: { not: null, lte: new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000) } },
      orderBy: { expiresOn: "asc" },
      select: { id: true, kind: true, expiresOn: true },
    }),
  ]);
  return { profile, upcoming, offers, compliance };
}
