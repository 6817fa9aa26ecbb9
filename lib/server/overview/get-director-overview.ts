import "server-only";
import type { DirectorActor } from "@/lib/auth/guards";
import { scopeEngagements } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { fromIsoDate, outstandingOf, sumCredits, ukToday } from "@/lib/server/director/invoice-common";
import type { EngagementStatus } from "@/lib/db/generated/prisma/enums";

const DAY = 24 * 60 * 60 * 1000;

/** What needs the director: engagements by state, alerts, deliveries without a pair, overdue money, lapsing checks. */
export async function getDirectorOverview({ actor, now = new Date() }: { actor: DirectorActor; now?: Date }) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const in30Days = new Date(today.getTime() + 30 * DAY);
  const [byStatus, alerts, needsPairing, overdue, lapsing, upcoming] = await Promise.all([
    db.engagement.groupBy({ by: ["status"], where: scopeEngagements(actor), _count: { _all: true } }),
    db.alert.findMany({
      where: { resolvedAt: null },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, kind: true, message: true, createdAt: true, deliveryId: true },
    }),
    db.delivery.findMany({
      where: { status: { in: ["NEEDS_PAIRING", "AWAITING_ACCEPTANCE"] }, startsAt: { gte: now } },
      orderBy: { startsAt: "asc" },
      take: 10,
      select: {
        id: true,
        startsAt: true,
        status: true,
        engagement: { select: { reference: true, organisation: { select: { name: true } }, service: { select: { name: true } } } },
      },
    }),
    // Overdue by the UK date, and what is still owed after credit notes (as on the invoices page).
    db.invoice.findMany({
      where: { status: "ISSUED", dueOn: { lt: fromIsoDate(ukToday(now)) } },
      select: { status: true, totalPence: true, creditNotes: { select: { subtotalPence: true, vatPence: true, totalPence: true } } },
    }),
    db.complianceRecord.findMany({
      where: { expiresOn: { not: null, lte: in30Days }, associate: { active: true } },
      orderBy: { expiresOn: "asc" },
      take: 10,
      select: { id: true, kind: true, expiresOn: true, associate: { select: { id: true, user: { select: { name: true } } } } },
    }),
    db.delivery.findMany({
      where: { status: "CONFIRMED", startsAt: { gte: now, lt: new Date(now.getTime() + 7 * DAY) } },
      orderBy: { startsAt: "asc" },
      take: 8,
      select: {
        id: true,
        startsAt: true,
        engagement: { select: { organisation: { select: { name: true } }, service: { select: { name: true } } } },
      },
    }),
  ]);
  const counts = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all])) as Partial<Record<EngagementStatus, number>>;
  return {
    counts,
    alerts,
    needsPairing,
    overdue: (() => {
      const owed = overdue.map((invoice) => outstandingOf(invoice, sumCredits(invoice.creditNotes))).filter((pence) => pence > 0);
      return { count: owed.length, totalPence: owed.reduce((sum, pence) => sum + pence, 0) };
    })(),
    lapsing: lapsing.map((record) => ({ ...record, isLapsed: record.expiresOn! < today })),
    upcoming,
  };
}
