/**
 * The director's pipeline: every engagement by state, filtered by client, service, associate and
 * month (a GET form, so the filters live in the address), and the alerts panel of what needs her.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import type { DirectorActor } from "@/lib/auth/guards";
import { scopeAssociates, scopeDeliveries, scopeEngagements, scopeInvoices, scopeOrganisations } from "@/lib/auth/scope";
import type { Db } from "@/lib/db/create-client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { AlertKind, EngagementStatus } from "@/lib/db/generated/prisma/enums";
import { EngagementStatus as Statuses, type DeliveryStatus } from "@/lib/domain/booking";
import { assessCompliance } from "@/lib/domain/compliance";
import { getIsoDateInZone } from "@/lib/domain/time/calendar-date";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { getPolicy } from "@/lib/server/settings/get-policy";

const LONDON = "Europe/London";
const HOUR = 3_600_000;
export const PAGE_SIZE = 25;
/** Offers that lapse within this many hours are flagged. */
export const OFFER_EXPIRY_WARNING_HOURS = 12;
/** Requests waiting longer than this many working days are flagged. */
export const REQUEST_WAITING_WORKING_DAYS = 2;
/** How far ahead booked deliveries are checked against their facilitators' compliance. */
const COMPLIANCE_LOOKAHEAD_DAYS = 90;

const optionalId = z
  .string()
  .trim()
  .max(60)
  .optional()
  .transform((value) => (value ? value : undefined));

export const pipelineFilters = z.object({
  status: z
    .enum(Object.values(Statuses) as [EngagementStatus, ...EngagementStatus[]], { message: "Choose a stage from the list." })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  client: optionalId,
  service: optionalId,
  associate: optionalId,
  month: z
    .string()
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose a month, like 2026-12.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int("Choose a page number.").min(1, "Choose a page number.").max(10_000).optional().default(1),
});

export type PipelineFilters = z.infer<typeof pipelineFilters>;

/** The instant `workingDays` Monday–Friday days before `now` (UK time; bank holidays are not counted out). */
export function subtractWorkingDays(now: Date, workingDays: number): Date {
  let at = DateTime.fromJSDate(now, { zone: LONDON });
  let left = workingDays;
  while (left > 0) {
    at = at.minus({ days: 1 });
    if (at.weekday <= 5) left -= 1;
  }
  return at.toJSDate();
}

/** The UTC instants bounding a calendar month in UK time. */
export function monthRange(month: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(`${month}-01`, { zone: LONDON }).startOf("month");
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}

export type PipelineRow = {
  id: string;
  reference: string;
  status: EngagementStatus;
  organisationName: string;
  serviceName: string;
  createdAt: Date;
  sessionsRequested: number;
  deliveries: { id: string; startsAt: Date; status: DeliveryStatus; needsPairing: boolean }[];
  moreDeliveries: number;
};

export type Pipeline = {
  filters: PipelineFilters;
  counts: Record<EngagementStatus, number>;
  total: number;
  rows: PipelineRow[];
  page: number;
  pageCount: number;
  options: {
    clients: { id: string; name: string }[];
    services: { id: string; name: string }[];
    associates: { id: string; name: string }[];
  };
};

const DELIVERIES_SHOWN = 6;

/** Engagements matching the filters (all stages counted; one stage listed when chosen), newest activity first. */
export async function listPipeline({ db, actor, input }: { db: Db; actor: DirectorActor; input: unknown }): Promise<Result<Pipeline>> {
  if (actor.role !== "DIRECTOR") return fail(AppErrorCode.NOT_FOUND, "We couldn't find that page.");
  const parsed = pipelineFilters.safeParse(input ?? {});
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Some filters weren't right, so we've shown everything. Check them and try again.", z.flattenError(parsed.error).fieldErrors);
  const filters = parsed.data;
  const where: Prisma.EngagementWhereInput[] = [scopeEngagements(actor)];
  if (filters.client) where.push({ organisationId: filters.client });
  if (filters.service) where.push({ serviceId: filters.service });
  if (filters.associate) where.push({ deliveries: { some: { assignments: { some: { associateId: filters.associate, status: { in: ["HELD", "OFFERED", "ACCEPTED"] } } } } } });
  if (filters.month) {
    const { start, end } = monthRange(filters.month);
    // A month means a session in it — or, for a request with no sessions yet, when it was asked for.
    where.push({ OR: [{ deliveries: { some: { startsAt: { gte: start, lt: end } } } }, { deliveries: { none: {} }, createdAt: { gte: start, lt: end } }] });
  }
  const listed: Prisma.EngagementWhereInput = { AND: [...where, ...(filters.status ? [{ status: filters.status }] : [])] };

  const [grouped, total, clients, services, associates] = await Promise.all([
    db.engagement.groupBy({ by: ["status"], where: { AND: where }, _count: { _all: true } }),
    db.engagement.count({ where: listed }),
    db.organisation.findMany({ where: scopeOrganisations(actor), orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.service.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.associate.findMany({ where: scopeAssociates(actor), orderBy: { user: { name: "asc" } }, select: { id: true, user: { select: { name: true, email: true } } } }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const engagements = await db.engagement.findMany({
    where: listed,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: {
      id: true,
      reference: true,
      status: true,
      createdAt: true,
      sessionsRequested: true,
      organisation: { select: { name: true } },
      service: { select: { name: true } },
      deliveries: { orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, status: true } },
    },
  });
  const counts = Object.fromEntries(Object.values(Statuses).map((s) => [s, 0])) as Record<EngagementStatus, number>;
  for (const row of grouped) counts[row.status] = row._count._all;
  return ok({
    filters: { ...filters, page },
    counts,
    total,
    page,
    pageCount,
    rows: engagements.map((e) => ({
      id: e.id,
      reference: e.reference,
      status: e.status,
      organisationName: e.organisation.name,
      serviceName: e.service.name,
      createdAt: e.createdAt,
      sessionsRequested: e.sessionsRequested,
      deliveries: e.deliveries.slice(0, DELIVERIES_SHOWN).map((d) => ({ ...d, needsPairing: d.status === "NEEDS_PAIRING" || d.status === "AWAITING_ACCEPTANCE" })),
      moreDeliveries: Math.max(0, e.deliveries.length - DELIVERIES_SHOWN),
    })),
    options: {
      clients,
      services,
      associates: associates.map((a) => ({ id: a.id, name: a.user.name ?? a.user.email })),
    },
  });
}

// ───────────────────────────── alerts ─────────────────────────────

export type DeliveryRef = { deliveryId: string; startsAt: Date; serviceName: string; organisationName: string };

export type PipelineAlerts = {
  needsPairing: (DeliveryRef & { status: DeliveryStatus })[];
  expiringOffers: (DeliveryRef & { assignmentId: string; associateName: string; expiresAt: Date })[];
  complianceLapsing: (DeliveryRef & { associateId: string; associateName: string; reasons: string[] })[];
  overdueInvoices: { count: number; totalPence: number };
  waitingRequests: { reference: string; organisationName: string; serviceName: string; createdAt: Date }[];
  /** Newest first (the list is capped; `openAlertCount` is all of them). */
  openAlerts: { id: string; kind: AlertKind; message: string; createdAt: Date; deliveryId: string | null }[];
  openAlertCount: number;
  total: number;
};

const ALERT_LIMIT = 10;

const deliveryRefSelect = {
  id: true,
  startsAt: true,
  engagement: { select: { organisation: { select: { name: true } }, service: { select: { name: true, childFacing: true, requiresSocialWorkRegistration: true } } } },
} as const;

/** What needs the director now, each list capped and oldest or soonest first. */
export async function getPipelineAlerts({ db, actor, now = new Date() }: { db: Db; actor: DirectorActor; now?: Date }): Promise<PipelineAlerts | null> {
  if (actor.role !== "DIRECTOR") return null;
  const upcoming: Prisma.DeliveryWhereInput = { AND: [scopeDeliveries(actor), { startsAt: { gte: now }, status: { notIn: ["CANCELLED", "DELIVERED", "HELD"] } }] };
  const today = new Date(`${getIsoDateInZone(now.getTime(), LONDON)}T00:00:00Z`);
  const openAlertWhere: Prisma.AlertWhereInput = { resolvedAt: null, OR: [{ deliveryId: null }, { delivery: { is: { AND: [scopeDeliveries(actor)] } } }] };
  const [needsPairing, expiring, booked, overdue, waiting, openAlerts, openAlertCount, policy] = await Promise.all([
    db.delivery.findMany({ where: { AND: [upcoming, { status: "NEEDS_PAIRING" }] }, orderBy: { startsAt: "asc" }, take: ALERT_LIMIT, select: { ...deliveryRefSelect, status: true } }),
    db.assignment.findMany({
      where: { status: "OFFERED", expiresAt: { gt: now, lte: new Date(now.getTime() + OFFER_EXPIRY_WARNING_HOURS * HOUR) }, delivery: upcoming },
      orderBy: { expiresAt: "asc" },
      take: ALERT_LIMIT,
      select: { id: true, expiresAt: true, associate: { select: { user: { select: { name: true } } } }, delivery: { select: deliveryRefSelect } },
    }),
    db.assignment.findMany({
      where: { status: { in: ["OFFERED", "ACCEPTED"] }, delivery: { AND: [upcoming, { startsAt: { lt: new Date(now.getTime() + COMPLIANCE_LOOKAHEAD_DAYS * 24 * HOUR) } }] } },
      orderBy: { delivery: { startsAt: "asc" } },
      take: 500,
      select: {
        role: true,
        associateId: true,
        associate: { select: { user: { select: { name: true } }, complianceRecords: { select: { kind: true, checkedOn: true, expiresOn: true, details: true, verifiedAt: true } } } },
        delivery: { select: deliveryRefSelect },
      },
    }),
    db.invoice.aggregate({ where: { AND: [scopeInvoices(actor), { status: "ISSUED", dueOn: { lt: today } }] }, _count: { _all: true }, _sum: { totalPence: true } }),
    db.engagement.findMany({
      where: { AND: [scopeEngagements(actor), { status: "REQUESTED", createdAt: { lt: subtractWorkingDays(now, REQUEST_WAITING_WORKING_DAYS) } }] },
      orderBy: { createdAt: "asc" },
      take: ALERT_LIMIT,
      select: { reference: true, createdAt: true, organisation: { select: { name: true } }, service: { select: { name: true } } },
    }),
    db.alert.findMany({
      where: openAlertWhere,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: ALERT_LIMIT,
      select: { id: true, kind: true, message: true, createdAt: true, deliveryId: true },
    }),
    db.alert.count({ where: openAlertWhere }),
    getPolicy(db, now),
  ]);
  const ref = (d: (typeof needsPairing)[number] | (typeof booked)[number]["delivery"]): DeliveryRef => ({
    deliveryId: d.id,
    startsAt: d.startsAt,
    serviceName: d.engagement.service.name,
    organisationName: d.engagement.organisation.name,
  });
  const toIso = (date: Date) => date.toISOString().slice(0, 10);
  const complianceLapsing: PipelineAlerts["complianceLapsing"] = [];
  for (const assignment of booked) {
    if (complianceLapsing.length >= ALERT_LIMIT) break;
    const assessment = assessCompliance({
      records: assignment.associate.complianceRecords.map((r) => ({
        kind: r.kind,
        checkedOn: toIso(r.checkedOn),
        expiresOn: r.expiresOn ? toIso(r.expiresOn) : null,
        details: r.details,
        isVerified: r.verifiedAt !== null,
      })),
      service: assignment.delivery.engagement.service,
      role: assignment.role,
      on: getIsoDateInZone(assignment.delivery.startsAt.getTime(), LONDON),
      policy: { maxDbsUpdateCheckAgeDays: policy["dbs.maxUpdateCheckAgeDays"] },
    });
    if (assessment.isAllowed) continue;
    complianceLapsing.push({
      ...ref(assignment.delivery),
      associateId: assignment.associateId,
      associateName: assignment.associate.user.name ?? "An associate",
      reasons: assessment.reasons.map((r) => r.message),
    });
  }
  const result: Omit<PipelineAlerts, "total"> = {
    needsPairing: needsPairing.map((d) => ({ ...ref(d), status: d.status })),
    expiringOffers: expiring.map((a) => ({ ...ref(a.delivery), assignmentId: a.id, associateName: a.associate.user.name ?? "An associate", expiresAt: a.expiresAt! })),
    complianceLapsing,
    overdueInvoices: { count: overdue._count._all, totalPence: overdue._sum.totalPence ?? 0 },
    waitingRequests: waiting.map((e) => ({ reference: e.reference, createdAt: e.createdAt, organisationName: e.organisation.name, serviceName: e.service.name })),
    openAlerts,
    openAlertCount,
  };
  const total =
    result.needsPairing.length + result.expiringOffers.length + result.complianceLapsing.length + (result.overdueInvoices.count > 0 ? 1 : 0) + result.waitingRequests.length + result.openAlertCount;
  return { ...result, total };
}
