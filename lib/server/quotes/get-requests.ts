import type { DirectorActor } from "@/lib/auth/guards";
import { scopeEngagements } from "@/lib/auth/scope";
import type { DbTx } from "@/lib/db/create-client";

const quoteSelect = { id: true, status: true, lines: true, sessions: true, subtotalPence: true, vatPence: true, totalPence: true, terms: true, validUntil: true, sentAt: true, declineReason: true } as const;

/** Requests waiting for a quote, and quotes waiting for the client, oldest first. */
export async function listOpenRequests(db: DbTx, { actor }: { actor: DirectorActor }) {
  return db.engagement.findMany({
    where: { status: { in: ["REQUESTED", "QUOTED"] }, ...scopeEngagements(actor) },
    orderBy: { createdAt: "asc" },
    select: { reference: true, status: true, createdAt: true, sessionsRequested: true, organisation: { select: { name: true } }, service: { select: { name: true } } },
  });
}

export async function getRequestForDirector(db: DbTx, { actor, unverifiedReference }: { actor: DirectorActor; unverifiedReference: string }) {
  return db.engagement.findFirst({
    where: { reference: unverifiedReference, ...scopeEngagements(actor) },
    select: {
      reference: true,
      status: true,
      needs: true,
      preferredDates: true,
      sessionsRequested: true,
      createdAt: true,
      organisation: { select: { name: true, poRequired: true } },
      requestedBy: { select: { name: true, email: true } },
      service: { select: { name: true, pricePence: true, deliveryModes: true, durationMinutes: true } },
      quotes: { orderBy: { createdAt: "desc" }, take: 1, select: quoteSelect },
    },
  });
}

/** The latest quote on a client's engagement (scoped to their organisation by the caller's engagement query). */
export { quoteSelect };
