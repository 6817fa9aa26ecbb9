/**
 * The director's pairing board for one delivery: who could deliver it (free, qualified, compliant,
 * consenting), ranked by the domain core with reasons, the effect of each pair on fairness, and the
 * two changes the director makes from it — offer to a pair, or swap one facilitator. Both are one
 * code path (`changePairing`) so the co-facilitation and no-double-booking rules hold the same way.
 */
import { z } from "zod";
import type { DirectorActor } from "@/lib/auth/guards";
import { scopeDeliveries } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { isPgError, isRetryableConflict, PgCode } from "@/lib/db/errors";
import { computeBlockedRange } from "@/lib/domain/availability";
import { assertTransition, canTransition, type AssignmentStatus, type DeliveryStatus } from "@/lib/domain/booking";
import { crossesEarningsCap } from "@/lib/domain/offer-warnings";
import { rankPairs, type PairingCandidate, type RankedMember } from "@/lib/domain/pairing";
import { MINUTE_MS } from "@/lib/domain/time/interval";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import {
  ACTIVE_ASSIGNMENT,
  createOffer,
  loadDeliveryState,
  lockDelivery,
  previousAssociates,
  syncStatuses,
  type DeliveryState,
} from "@/lib/server/booking/delivery-lifecycle";
import { sendConfirmation } from "@/lib/server/booking/respond-to-offer";
import { loadPaidWork, loadPairingCandidates, pairingSpan, pairingWindows } from "@/lib/server/scheduling/pairing-facts";
import { searchSlots } from "@/lib/server/scheduling/search-slots";
import { getPolicy, type Policy } from "@/lib/server/settings/get-policy";
import { renderReleasedEmail } from "./pairing-emails";

type Role = "LIVED" | "PROFESSIONAL";
const ROLES: readonly Role[] = ["LIVED", "PROFESSIONAL"];
/** People who said no to this delivery, or were moved off it, are not suggested for it again. */
const ENDED_ON_DELIVERY: readonly AssignmentStatus[] = ["DECLINED", "WITHDRAWN", "CANCELLED"];
const SUGGESTIONS = 10;

const isActive = (status: string) => (ACTIVE_ASSIGNMENT as readonly string[]).includes(status);

// ───────────────────────────── candidates (shared by reading and writing) ─────────────────────────────

type Pool = {
  /** Free for the whole session (± buffer) in each role, ignoring this delivery's own assignments. */
  lived: Set<string>;
  professional: Set<string>;
  candidates: Map<string, PairingCandidate>;
  previous: string[];
};

/** Who could take each role on this delivery now, with the facts pair ranking needs. */
async function loadPool(tx: DbTx, state: DeliveryState, { now, policy }: { now: Date; policy: Policy }): Promise<Pool> {
  const service = state.engagement.service;
  const start = state.startsAt.getTime();
  const active = state.assignments.filter((a) => isActive(a.status));
  const { search, associates } = await searchSlots(tx, {
    service,
    range: { start, end: start + MINUTE_MS },
    now: now.getTime(),
    policy: { ...policy, "booking.minimumNoticeHours": 0 },
    exactStart: true,
    excludeAssignmentIds: active.map((a) => a.id),
  });
  const ended = new Set(state.assignments.filter((a) => ENDED_ON_DELIVERY.includes(a.status)).map((a) => a.associateId));
  const activeIds = new Set(active.map((a) => a.associateId));
  const free = search.listAvailableAt(start);
  // Someone moved off this delivery is not suggested again — unless they are on it again now.
  const allowed = (id: string) => activeIds.has(id) || !ended.has(id);
  const lived = new Set(free.lived.filter(allowed));
  const professional = new Set(free.professional.filter(allowed));
  const pool = associates.filter((a) => lived.has(a.associateId) || professional.has(a.associateId));
  const candidates = await loadPairingCandidates(tx, { associates: pool, startsAt: start, durationMinutes: service.durationMinutes });
  return {
    lived,
    professional,
    candidates: new Map(candidates.map((c) => [c.associateId, c])),
    previous: await previousAssociates(tx, state.engagement.id, state.id),
  };
}

/** Lived-experience paid work this quarter for people not in the pool (e.g. someone whose check lapsed). */
async function paidThisQuarter(tx: DbTx, associateIds: string[], startsAt: Date): Promise<Map<string, number>> {
  const at = startsAt.getTime();
  const work = await loadPaidWork(tx, { associateIds, span: pairingSpan([at]) });
  const { quarter } = pairingWindows(at);
  const totals = new Map<string, number>();
  for (const id of associateIds) {
    const entry = work.get(id);
    let total = 0;
    if (entry) for (let i = 0; i < entry.startsAt.length; i++) if (entry.startsAt[i]! >= quarter.start && entry.startsAt[i]! <= quarter.end) total += entry.feePence[i]!;
    totals.set(id, total);
  }
  return totals;
}

// ───────────────────────────── reading the board ─────────────────────────────

export type FairnessEffect = {
  associateId: string;
  name: string;
  /** Lived-experience paid work this quarter, in pence, before and after this change (once accepted). */
  beforePence: number;
  afterPence: number;
  /** Would go over their own earnings limit with this fee. */
  crossesLimit: boolean;
};

export type BoardMember = RankedMember & { name: string; feePence: number; isCurrent: boolean };
export type BoardPair = {
  lived: BoardMember;
  professional: BoardMember;
  continuity: 0 | 1 | 2;
  hasWarnings: boolean;
  /** People this pair would move off the delivery. */
  replaces: { associateId: string; name: string; role: Role; status: AssignmentStatus }[];
  fairness: FairnessEffect[];
};

export type PairingBoard = {
  delivery: {
    id: string;
    status: DeliveryStatus;
    startsAt: Date;
    endsAt: Date;
    mode: string;
    location: string | null;
    engagementId: string;
    reference: string;
    organisationName: string;
    serviceName: string;
    livedRequired: number;
    professionalRequired: number;
  };
  assignments: { id: string; associateId: string; name: string; role: Role; status: AssignmentStatus; feePence: number; expiresAt: Date | null; isExpired: boolean }[];
  alerts: { id: string; message: string; createdAt: Date }[];
  /** Whether pairs can be changed (not while the client is still booking, nor once delivered or cancelled). */
  canChange: boolean;
  whyNot: string | null;
  pairs: BoardPair[];
  /** Everyone free for each role, for the swap form, best first. */
  options: Record<Role, { associateId: string; name: string; paidThisQuarterPence: number }[]>;
};

function whyUnchangeable(status: DeliveryStatus): string | null {
  if (status === "HELD") return "The client is still completing this booking. You can change the pair once they have.";
  if (status === "DELIVERED") return "This session has already happened.";
  if (status === "CANCELLED") return "This session was cancelled.";
  return null;
}

/** Finds a delivery the director may see; `null` (not found) for anyone else or an unknown id. */
async function findDeliveryId(db: Pick<Db, "delivery">, actor: DirectorActor, unverifiedDeliveryId: string): Promise<string | null> {
  if (actor.role !== "DIRECTOR") return null;
  const found = await db.delivery.findFirst({ where: { AND: [{ id: unverifiedDeliveryId }, scopeDeliveries(actor)] }, select: { id: true } });
  return found?.id ?? null;
}

export async function getPairingBoard({
  db,
  actor,
  unverifiedDeliveryId,
  now = new Date(),
}: {
  db: Db;
  actor: DirectorActor;
  unverifiedDeliveryId: string;
  now?: Date;
}): Promise<PairingBoard | null> {
  if (typeof unverifiedDeliveryId !== "string" || unverifiedDeliveryId.length > 60) return null;
  const deliveryId = await findDeliveryId(db, actor, unverifiedDeliveryId);
  if (!deliveryId) return null;
  // Reads only, outside a transaction: every change re-checks what it relies on under the delivery's lock.
  const state = await loadDeliveryState(db, deliveryId);
  const policy = await getPolicy(db, now);
  const service = state.engagement.service;
  const rows = await db.assignment.findMany({
    where: { deliveryId },
    orderBy: { createdAt: "asc" },
    select: { id: true, associateId: true, role: true, status: true, feePence: true, expiresAt: true, associate: { select: { user: { select: { name: true } } } } },
  });
  const alerts = await db.alert.findMany({
    where: { deliveryId, resolvedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, message: true, createdAt: true },
  });
  const whyNot = whyUnchangeable(state.status);
  const pool = whyNot ? null : await loadPool(db, state, { now, policy });
  const activeRows = rows.filter((a) => isActive(a.status));

  const ids = new Set<string>([...(pool?.candidates.keys() ?? []), ...rows.map((r) => r.associateId)]);
  const people = await db.associate.findMany({ where: { id: { in: [...ids] } }, select: { id: true, user: { select: { name: true } } } });
  const nameOf = new Map(people.map((p) => [p.id, p.user.name ?? "An associate"]));
  const name = (id: string) => nameOf.get(id) ?? "An associate";

  const pairs: BoardPair[] = [];
  const options: PairingBoard["options"] = { LIVED: [], PROFESSIONAL: [] };
  if (pool) {
    const ranked = rankPairs({
      candidates: [...pool.candidates.values()],
      previousAssociateIds: pool.previous,
      sessionMinutes: service.durationMinutes,
      limit: SUGGESTIONS,
      policy: { weeklyHoursWarningMinutes: policy["benefits.weeklyHoursWarning"] * 60 },
    });
    const outgoingIds = activeRows.map((a) => a.associateId).filter((id) => !pool.candidates.has(id));
    const outsidePaid = await paidThisQuarter(db, outgoingIds, state.startsAt);
    const paidOf = (id: string) => pool.candidates.get(id)?.paidThisQuarterPence ?? outsidePaid.get(id) ?? 0;
    for (const pair of ranked) {
      const target: Record<Role, string> = { LIVED: pair.lived.associateId, PROFESSIONAL: pair.professional.associateId };
      const plan = planChange(state, target);
      const member = (m: RankedMember, role: Role): BoardMember => ({
        ...m,
        name: name(m.associateId),
        feePence: pool.candidates.get(m.associateId)?.feePence ?? 0,
        isCurrent: activeRows.some((a) => a.associateId === m.associateId && a.role === role),
      });
      const fairness: FairnessEffect[] = [];
      for (const released of plan.release) {
        const row = rows.find((r) => r.id === released.id)!;
        if (row.status !== "ACCEPTED" || row.role !== "LIVED") continue;
        const before = paidOf(row.associateId);
        fairness.push({ associateId: row.associateId, name: name(row.associateId), beforePence: before, afterPence: before - row.feePence, crossesLimit: false });
      }
      for (const offer of plan.offer) {
        const candidate = pool.candidates.get(offer.associateId)!;
        const crossesLimit = crossesEarningsCap(candidate.earningsCap, candidate.feePence);
        if (offer.role !== "LIVED" && !crossesLimit) continue;
        const before = candidate.paidThisQuarterPence;
        fairness.push({ associateId: offer.associateId, name: name(offer.associateId), beforePence: before, afterPence: offer.role === "LIVED" ? before + candidate.feePence : before, crossesLimit });
      }
      pairs.push({
        lived: member(pair.lived, "LIVED"),
        professional: member(pair.professional, "PROFESSIONAL"),
        continuity: pair.continuity,
        hasWarnings: pair.hasWarnings,
        replaces: plan.release.map((r) => ({ associateId: r.associateId, name: name(r.associateId), role: r.role, status: r.status })),
        fairness,
      });
    }
    for (const role of ROLES) {
      const free = role === "LIVED" ? pool.lived : pool.professional;
      options[role] = [...free]
        .filter((id) => pool.candidates.has(id))
        .map((id) => ({ associateId: id, name: name(id), paidThisQuarterPence: pool.candidates.get(id)!.paidThisQuarterPence }))
        .sort((a, b) => (role === "LIVED" ? a.paidThisQuarterPence - b.paidThisQuarterPence : 0) || a.name.localeCompare(b.name));
    }
  }
  // Fairness figures and earnings limits are money/benefits details: the read is audited.
  await db.auditEvent.create({
    data: { actorId: actor.userId, organisationId: state.engagement.organisationId, action: "pairing-board.view", subject: "Delivery", subjectId: deliveryId, data: { suggestions: pairs.length } },
  });
  return {
    delivery: {
      id: state.id,
      status: state.status,
      startsAt: state.startsAt,
      endsAt: state.endsAt,
      mode: state.mode,
      location: state.location,
      engagementId: state.engagement.id,
      reference: state.engagement.reference,
      organisationName: state.engagement.organisation.name,
      serviceName: service.name,
      livedRequired: service.livedRequired,
      professionalRequired: service.professionalRequired,
    },
    assignments: rows.map((r) => ({
      id: r.id,
      associateId: r.associateId,
      name: name(r.associateId),
      role: r.role,
      status: r.status,
      feePence: r.feePence,
      expiresAt: r.expiresAt,
      isExpired: r.status === "OFFERED" && r.expiresAt !== null && r.expiresAt.getTime() <= now.getTime(),
    })),
    alerts,
    canChange: whyNot === null,
    whyNot,
    pairs,
    options,
  };
}

// ───────────────────────────── changing the pair ─────────────────────────────

type Plan = {
  release: { id: string; associateId: string; role: Role; status: AssignmentStatus }[];
  offer: { associateId: string; role: Role }[];
};

/**
 * What it takes to make `target` the pair: people already in their role stay; anyone else filling a
 * place the target needs is moved off; the rest get offers. Pure over the delivery's assignments.
 */
function planChange(state: Pick<DeliveryState, "assignments" | "engagement">, target: Record<Role, string>): Plan {
  const service = state.engagement.service;
  const active = state.assignments.filter((a) => isActive(a.status));
  const plan: Plan = { release: [], offer: [] };
  const targetIds = new Set(Object.values(target));
  for (const role of ROLES) {
    const required = role === "LIVED" ? service.livedRequired : service.professionalRequired;
    const inRole = active.filter((a) => a.role === role);
    // A BOTH associate on the delivery in the other role, who the target now puts in this one, leaves that role.
    for (const a of active) {
      if (a.role !== role && a.associateId === target[role]) plan.release.push({ id: a.id, associateId: a.associateId, role: a.role, status: a.status });
    }
    if (inRole.some((a) => a.associateId === target[role])) continue;
    plan.offer.push({ associateId: target[role], role });
    if (inRole.length >= required) {
      // Make room: prefer moving someone not in the target pair, and an unanswered offer before an acceptance.
      const order = (a: (typeof inRole)[number]) => (targetIds.has(a.associateId) ? 2 : a.status === "ACCEPTED" ? 1 : 0);
      const leaving = [...inRole].sort((a, b) => order(a) - order(b))[0]!;
      if (!plan.release.some((r) => r.id === leaving.id)) plan.release.push({ id: leaving.id, associateId: leaving.associateId, role: leaving.role, status: leaving.status });
    }
  }
  return plan;
}

const id = z.string().trim().min(1, "Choose someone.").max(60);

export const offerPairInput = z.object({
  unverifiedDeliveryId: z.string().trim().min(1).max(60),
  livedAssociateId: id,
  professionalAssociateId: id,
});

export const swapFacilitatorInput = z.object({
  unverifiedDeliveryId: z.string().trim().min(1).max(60),
  role: z.enum(["LIVED", "PROFESSIONAL"], { message: "Choose which facilitator to change." }),
  associateId: z.string({ message: "Choose who should take their place." }).trim().min(1, "Choose who should take their place.").max(60),
});

export type PairingChange = { offered: number; released: number; deliveryStatus: DeliveryStatus };

/** Offers the delivery to a whole pair (people already on it in their role stay). */
export async function offerPair({ db, actor, input, now = new Date() }: { db: Db; actor: DirectorActor; input: unknown; now?: Date }): Promise<Result<PairingChange>> {
  const parsed = offerPairInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose a pair to offer to.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedDeliveryId, livedAssociateId, professionalAssociateId } = parsed.data;
  if (livedAssociateId === professionalAssociateId) {
    return fail(AppErrorCode.INVALID_INPUT, "A pair needs two different people.", { professionalAssociateId: ["Choose someone other than the lived-experience associate."] });
  }
  return changePairing({ db, actor, unverifiedDeliveryId, now, choose: () => ({ LIVED: livedAssociateId, PROFESSIONAL: professionalAssociateId }), action: "pairing.offer" });
}

/** Replaces the facilitator in one role with a chosen person, keeping the other. */
export async function swapFacilitator({ db, actor, input, now = new Date() }: { db: Db; actor: DirectorActor; input: unknown; now?: Date }): Promise<Result<PairingChange>> {
  const parsed = swapFacilitatorInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the change.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedDeliveryId, role, associateId } = parsed.data;
  const other: Role = role === "LIVED" ? "PROFESSIONAL" : "LIVED";
  return changePairing({
    db,
    actor,
    unverifiedDeliveryId,
    now,
    action: "pairing.swap",
    choose: (state) => {
      const partner = state.assignments.find((a) => a.role === other && isActive(a.status));
      if (!partner) return fail(AppErrorCode.PAIRING_INCOMPLETE, "There's nobody in the other role to keep yet, so offer to a whole pair instead.");
      if (partner.associateId === associateId) return fail(AppErrorCode.INVALID_INPUT, "A pair needs two different people.", { associateId: ["Choose someone not already on this session."] });
      if (state.assignments.some((a) => a.role === role && a.associateId === associateId && isActive(a.status))) {
        return fail(AppErrorCode.INVALID_INPUT, "They're already on this session in that role.", { associateId: ["Choose someone who isn't on this session yet."] });
      }
      return { [role]: associateId, [other]: partner.associateId } as Record<Role, string>;
    },
  });
}

async function changePairing({
  db,
  actor,
  unverifiedDeliveryId,
  now,
  choose,
  action,
}: {
  db: Db;
  actor: DirectorActor;
  unverifiedDeliveryId: string;
  now: Date;
  choose: (state: DeliveryState) => Record<Role, string> | Result<never>;
  action: string;
}): Promise<Result<PairingChange>> {
  const deliveryId = await findDeliveryId(db, actor, unverifiedDeliveryId);
  if (!deliveryId) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that session.");
  let target: Record<Role, string> | null = null;
  try {
    return await db.$transaction(async (tx) => {
      await lockDelivery(tx, deliveryId);
      const state = await loadDeliveryState(tx, deliveryId);
      const whyNot = whyUnchangeable(state.status);
      if (whyNot) return fail(AppErrorCode.INVALID_INPUT, whyNot);
      const chosen = choose(state);
      if ("ok" in chosen) return chosen;
      target = chosen;
      const policy = await getPolicy(tx, now);
      const pool = await loadPool(tx, state, { now, policy });
      const plan = planChange(state, chosen);
      const names = await nameAll(tx, Object.values(chosen));
      for (const offer of plan.offer) {
        const free = offer.role === "LIVED" ? pool.lived : pool.professional;
        if (!free.has(offer.associateId) || !pool.candidates.has(offer.associateId)) {
          const who = names.get(offer.associateId);
          if (!who) return fail(AppErrorCode.NOT_FOUND, "We couldn't find one of those associates.");
          return fail(
            AppErrorCode.SLOT_TAKEN,
            `${who} can't take the ${offer.role === "LIVED" ? "lived-experience" : "professional"} place: they're not free, qualified and cleared for this time any more. Please choose someone else.`,
          );
        }
      }
      if (plan.offer.length === 0) return fail(AppErrorCode.INVALID_INPUT, "That pair is already on this session.");

      for (const released of plan.release) await release(tx, { state, assignmentId: released.id, from: released.status, actor, now });
      const blocked = computeBlockedRange({ startsAt: state.startsAt.getTime(), endsAt: state.endsAt.getTime(), bufferMinutes: policy["scheduling.bufferMinutes"] });
      const expiresAt = new Date(Math.min(now.getTime() + policy["offer.hours"] * 3_600_000, state.startsAt.getTime()));
      const offerIds: string[] = [];
      for (const offer of plan.offer) {
        offerIds.push(
          await createOffer(tx, {
            state,
            associateId: offer.associateId,
            role: offer.role,
            feePence: pool.candidates.get(offer.associateId)!.feePence,
            blocked,
            bufferMinutes: policy["scheduling.bufferMinutes"],
            expiresAt,
            now,
          }),
        );
      }
      const { previous, next } = await syncStatuses(tx, deliveryId);
      if (next === "CONFIRMED" && previous !== "CONFIRMED") await sendConfirmation(tx, deliveryId);
      // A complete pair is on offer again: the "please re-pair" alerts for this delivery are done (a
      // withdrawal's, and a lapse's — the person whose checks lapsed was already taken off).
      const after = await loadDeliveryState(tx, deliveryId);
      const activeAfter = after.assignments.filter((a) => isActive(a.status));
      const isPaired =
        activeAfter.filter((a) => a.role === "LIVED").length >= after.engagement.service.livedRequired &&
        activeAfter.filter((a) => a.role === "PROFESSIONAL").length >= after.engagement.service.professionalRequired;
      const resolved = isPaired ? await tx.alert.updateMany({ where: { deliveryId, kind: { in: ["PAIRING_BROKEN", "COMPLIANCE_LAPSING"] }, resolvedAt: null }, data: { resolvedAt: now } }) : { count: 0 };
      await tx.auditEvent.create({
        data: {
          actorId: actor.userId,
          organisationId: state.engagement.organisationId,
          action,
          subject: "Delivery",
          subjectId: deliveryId,
          data: { offered: offerIds, released: plan.release.map((r) => r.id), deliveryStatus: next, alertsResolved: resolved.count },
        },
      });
      return ok({ offered: offerIds.length, released: plan.release.length, deliveryStatus: next });
    }, { timeout: 20_000 });
  } catch (error) {
    if (isPgError(error, PgCode.EXCLUSION_VIOLATION) && target) {
      const who = await whoIsBookedElsewhere(db, deliveryId, Object.values(target as Record<Role, string>));
      return fail(AppErrorCode.SLOT_TAKEN, `${who ?? "One of them"} was just booked elsewhere at that time, so nothing was changed. Please choose another pair.`);
    }
    if (isRetryableConflict(error)) return fail(AppErrorCode.SLOT_TAKEN, "Someone else changed this session at the same moment, so nothing was changed. Please look again.");
    throw error;
  }
}

async function nameAll(tx: DbTx, ids: string[]): Promise<Map<string, string>> {
  const rows = await tx.associate.findMany({ where: { id: { in: ids } }, select: { id: true, user: { select: { name: true } } } });
  return new Map(rows.map((r) => [r.id, r.user.name ?? "An associate"]));
}

/** After an exclusion-constraint refusal: which of the chosen people now holds a clashing assignment. */
async function whoIsBookedElsewhere(db: Db, deliveryId: string, associateIds: string[]): Promise<string | null> {
  const delivery = await db.delivery.findUnique({ where: { id: deliveryId }, select: { startsAt: true, endsAt: true } });
  if (!delivery) return null;
  const clash = await db.assignment.findFirst({
    where: {
      associateId: { in: associateIds },
      deliveryId: { not: deliveryId },
      status: { in: [...ACTIVE_ASSIGNMENT] },
      blockedFrom: { lt: delivery.endsAt },
      blockedUntil: { gt: delivery.startsAt },
    },
    select: { associate: { select: { user: { select: { name: true } } } } },
  });
  return clash ? (clash.associate.user.name ?? "An associate") : null;
}

/** The director moves someone off a delivery: an offer is withdrawn, an acceptance cancelled; audited, and they're told kindly. */
async function release(tx: DbTx, { state, assignmentId, from, actor, now }: { state: DeliveryState; assignmentId: string; from: AssignmentStatus; actor: DirectorActor; now: Date }) {
  const to: AssignmentStatus = from === "OFFERED" ? "WITHDRAWN" : "CANCELLED";
  if (!canTransition("ASSIGNMENT", from, to)) assertTransition("ASSIGNMENT", from, to);
  const row = await tx.assignment.update({
    where: { id: assignmentId },
    data: { status: to, respondedAt: from === "OFFERED" ? now : undefined, declineReason: "Moved by the director from the pairing board" },
    select: { associate: { select: { user: { select: { email: true, name: true } } } } },
  });
  await enqueueEmail(tx, {
    kind: "assignment-released",
    to: row.associate.user.email,
    ...await renderReleasedEmail({
      name: row.associate.user.name,
      serviceName: state.engagement.service.name,
      organisationName: state.engagement.organisation.name,
      startsAt: state.startsAt,
      wasAccepted: from === "ACCEPTED",
    }),
  });
  await tx.auditEvent.create({
    data: { actorId: actor.userId, organisationId: state.engagement.organisationId, action: "assignment.release", subject: "Assignment", subjectId: assignmentId, data: { from, to } },
  });
}
