import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db/create-client";
import { getStatementData } from "@/lib/server/associates/statements";
import { getAssociateSummary, listAssociatesForDirector } from "@/lib/server/director/associates";
import { decideExpenseClaim, listExpenseClaimsToDecide } from "@/lib/server/director/expense-decisions";
import { approvePayRun, createPayRun, deleteDraftPayRun, exportPayRunBankCsv, getPayRun, listPayRuns, markPayRunPaid, previewPayRun } from "@/lib/server/director/pay-runs";
import { createScenario } from "../fixtures/scenario";

// Enough connections for racing creators (each holds one inside its transaction).
const db = createPrismaClient(process.env.DATABASE_URL, { max: 16 });
afterAll(() => db.$disconnect());

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;

/**
 * Each test pays work in its own month far in the future, so pay runs never gather another test's
 * (or another file's) sessions from the shared worker database.
 */
let monthCursor = 0;
function nextMonth() {
  monthCursor += 1;
  // A random even year in 2040–2098 keeps runs apart; statements only accept years up to 2100 (parseMonth).
  const year = 2040 + Math.floor(monthCursor / 12) + Math.floor(Math.random() * 25) * 2;
  const month = (monthCursor % 12) + 1;
  const mm = String(month).padStart(2, "0");
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, start: `${year}-${mm}-01`, end: `${year}-${mm}-${last}`, day: (d: number, hour = 10) => new Date(Date.UTC(year, month - 1, d, hour)) };
}

type Preference = "BANK_TRANSFER" | "VOUCHER" | "CHARITY" | "EXPENSES_ONLY" | "DECLINE";

async function world(preferences: Preference[] = ["BANK_TRANSFER", "BANK_TRANSFER"]) {
  const scenario = await createScenario(db, { associates: preferences.map((_, i) => ({ expertise: i % 2 === 0 ? ("LIVED" as const) : ("PROFESSIONAL" as const), name: `Person ${i + 1} ${unique("p")}` })) });
  for (const [index, preference] of preferences.entries()) {
    await db.associate.update({ where: { id: scenario.associates[index]!.id }, data: { payPreference: preference, charityName: preference === "CHARITY" ? "Become" : null } });
  }
  const director: Actor = { userId: scenario.director.id, email: scenario.director.email, name: "Dee", role: "DIRECTOR", associateId: null, memberships: [] };
  const associateActor = (index: number): Actor => ({ userId: scenario.associates[index]!.userId, email: "a@test.example", name: "A", role: "ASSOCIATE", associateId: scenario.associates[index]!.id, memberships: [] });
  const engagement = await db.engagement.create({
    data: { reference: unique("GT"), organisationId: scenario.organisation.id, serviceId: scenario.service.id, requestedById: scenario.booker.id, status: "DELIVERED", unitPricePenceSnapshot: 120_000, vatRateBasisPointsSnapshot: 2000 },
  });
  return { ...scenario, director, associateActor, engagement };
}
type World = Awaited<ReturnType<typeof world>>;

/** A session on `startsAt` with each listed associate's assignment. */
async function session(w: World, startsAt: Date, { status = "DELIVERED" as "DELIVERED" | "CONFIRMED" | "CANCELLED", people = [0, 1], fee = 20_000, assignmentStatus = "ACCEPTED" as "ACCEPTED" | "CANCELLED", passThroughPence = null as number | null } = {}) {
  const endsAt = new Date(startsAt.getTime() + 3 * 3600_000);
  const delivery = await db.delivery.create({
    data: { engagementId: w.engagement.id, startsAt, endsAt, mode: "ONLINE", status: "NEEDS_PAIRING" },
  });
  const assignments = [];
  for (const index of people) {
    assignments.push(
      await db.assignment.create({
        data: {
          deliveryId: delivery.id,
          associateId: w.associates[index]!.id,
          role: index % 2 === 0 ? "LIVED" : "PROFESSIONAL",
          status: assignmentStatus,
          feePence: fee,
          blockedFrom: startsAt,
          blockedUntil: endsAt,
          offeredAt: new Date(startsAt.getTime() - 7 * 86_400_000),
          respondedAt: new Date(startsAt.getTime() - 6 * 86_400_000),
        },
      }),
    );
  }
  // The database refuses a confirmed or delivered session without its accepted pair, so the status comes last.
  await db.delivery.update({
    where: { id: delivery.id },
    data: { status, ...(status === "CANCELLED" ? { cancelledAt: startsAt, cancellationChargePence: (passThroughPence ?? 0) * 2, cancellationPassThroughPence: passThroughPence } : {}) },
  });
  return { delivery, assignments };
}

async function claim(w: World, deliveryId: string, associateIndex = 0, { amountPence = 1_250, claimedPence, status = "SUBMITTED" as "SUBMITTED" | "APPROVED" }: { amountPence?: number; claimedPence?: number; status?: "SUBMITTED" | "APPROVED" } = {}) {
  return db.expenseClaim.create({
    data: { associateId: w.associates[associateIndex]!.id, deliveryId, category: "PUBLIC_TRANSPORT", description: "Train to Northbury", claimedPence: claimedPence ?? amountPence, amountPence, status },
  });
}

async function mustCreate(w: World, period: { start: string; end: string }) {
  const result = await createPayRun({ db, actor: w.director, input: { periodStart: period.start, periodEnd: period.end } });
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

describe("expense decisions", () => {
  it("approving makes an approved payment waiting for a pay run; query and reject need a note, email the associate and are audited", async () => {
    const w = await world();
    const m = nextMonth();
    const { delivery } = await session(w, m.day(3));
    const [a, b, c] = [await claim(w, delivery.id), await claim(w, delivery.id, 1), await claim(w, delivery.id)];

    const listed = await listExpenseClaimsToDecide(db, { actor: w.director });
    expect(listed.map((l) => l.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));

    expect(await decideExpenseClaim({ db, actor: w.director, input: { decision: "QUERY", unverifiedClaimId: b.id, note: "" } })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { note: ["Write your question for the associate."] } });
    expect(await decideExpenseClaim({ db, actor: w.director, input: { decision: "REJECT", unverifiedClaimId: c.id, note: "  " } })).toMatchObject({ ok: false, fieldErrors: { note: ["Say why the claim can't be paid."] } });
    expect(await decideExpenseClaim({ db, actor: w.director, input: { decision: "SHRUG", unverifiedClaimId: c.id } })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    // Bad input wrote nothing.
    expect((await db.expenseClaim.findMany({ where: { id: { in: [b.id, c.id] } } })).map((x) => x.status)).toEqual(["SUBMITTED", "SUBMITTED"]);
    expect(await db.auditEvent.count({ where: { subjectId: { in: [b.id, c.id] } } })).toBe(0);

    expect(await decideExpenseClaim({ db, actor: w.director, input: { decision: "APPROVE", unverifiedClaimId: a.id } })).toMatchObject({ ok: true, data: { status: "APPROVED" } });
    expect(await db.associatePayment.findUniqueOrThrow({ where: { expenseClaimId: a.id } })).toMatchObject({ amountPence: 1_250, status: "APPROVED", payRunId: null });
    expect(await decideExpenseClaim({ db, actor: w.director, input: { decision: "REJECT", unverifiedClaimId: a.id, note: "Changed my mind" } })).toMatchObject({ ok: false, message: expect.stringContaining("already been decided") });

    expect(await decideExpenseClaim({ db, actor: w.director, input: { decision: "QUERY", unverifiedClaimId: b.id, note: "Could you add the receipt, please?" } })).toMatchObject({ ok: true, data: { status: "QUERIED" } });
    const queried = await db.outboxMessage.findFirstOrThrow({ where: { kind: "expense-queried", to: w.associates[1]!.user.email } });
    expect(queried.payload).toMatchObject({ text: expect.stringContaining("Could you add the receipt, please?") });
    expect(await decideExpenseClaim({ db, actor: w.director, input: { decision: "REJECT", unverifiedClaimId: c.id, note: "This was claimed twice." } })).toMatchObject({ ok: true, data: { status: "REJECTED" } });
    expect(await db.expenseClaim.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "REJECTED", decisionNote: "This was claimed twice." });
    expect(await db.outboxMessage.count({ where: { kind: "expense-rejected", to: w.associates[0]!.user.email } })).toBe(1);
    expect(await db.auditEvent.findMany({ where: { subjectId: { in: [a.id, b.id, c.id] } }, orderBy: { at: "asc" }, select: { action: true } })).toEqual([{ action: "expense.approve" }, { action: "expense.query" }, { action: "expense.reject" }]);
  });

  it("two decisions racing on one claim: exactly one wins", async () => {
    const w = await world();
    const m = nextMonth();
    const { delivery } = await session(w, m.day(4));
    const target = await claim(w, delivery.id);
    const results = await Promise.all([
      decideExpenseClaim({ db, actor: w.director, input: { decision: "APPROVE", unverifiedClaimId: target.id } }),
      decideExpenseClaim({ db, actor: w.director, input: { decision: "REJECT", unverifiedClaimId: target.id, note: "Not this one." } }),
      decideExpenseClaim({ db, actor: w.director, input: { decision: "APPROVE", unverifiedClaimId: target.id } }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.associatePayment.count({ where: { expenseClaimId: target.id } })).toBeLessThanOrEqual(1);
  });

  it("associates and clients get not found", async () => {
    const w = await world();
    const m = nextMonth();
    const { delivery } = await session(w, m.day(5));
    const target = await claim(w, delivery.id);
    for (const actor of [w.associateActor(0), w.context.actor]) {
      expect(await decideExpenseClaim({ db, actor, input: { decision: "APPROVE", unverifiedClaimId: target.id } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await listExpenseClaimsToDecide(db, { actor })).toEqual([]);
    }
    expect(await decideExpenseClaim({ db, actor: w.director, input: { decision: "APPROVE", unverifiedClaimId: "no-such-claim" } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await db.expenseClaim.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("SUBMITTED");
  });
});

describe("pay runs", () => {
  it("a pay run includes an approved expense once (fee and expense as separate lines); a second run doesn't include it again; paid shows in the associate's statement", async () => {
    const w = await world();
    const m = nextMonth();
    const { delivery, assignments } = await session(w, m.day(10));
    const expense = await claim(w, delivery.id, 0, { claimedPence: 3_000, amountPence: 2_250 });
    await decideExpenseClaim({ db, actor: w.director, input: { decision: "APPROVE", unverifiedClaimId: expense.id } });
    await session(w, m.day(12), { status: "CONFIRMED" }); // not delivered yet: not paid
    const outside = await session(w, new Date(Date.UTC(m.year, m.month, 1, 10))); // first day of next month

    expect(await previewPayRun(db, { actor: w.director, input: { periodStart: m.start, periodEnd: m.end } })).toEqual({ ok: true, data: { lineCount: 3, totalPence: 42_250, associateCount: 2 } });
    const created = await mustCreate(w, m);
    expect(created).toMatchObject({ lineCount: 3, totalPence: 42_250 });
    const run = (await getPayRun(db, { actor: w.director, unverifiedPayRunId: created.payRunId }))!;
    expect(run.lines.map((l) => [l.kind, l.amountPence, l.method]).sort()).toEqual([
      ["EXPENSE", 2_250, "BANK_TRANSFER"],
      ["FEE", 20_000, "BANK_TRANSFER"],
      ["FEE", 20_000, "BANK_TRANSFER"],
    ]);
    expect(run.lines.filter((l) => l.kind === "EXPENSE")).toHaveLength(1);
    // The approval's waiting payment was attached, not duplicated.
    expect(await db.associatePayment.count({ where: { expenseClaimId: expense.id } })).toBe(1);
    expect(await db.associatePayment.count({ where: { assignmentId: { in: outside.assignments.map((a) => a.id) } } })).toBe(0);

    const again = await createPayRun({ db, actor: w.director, input: { periodStart: m.start, periodEnd: m.end } });
    expect(again).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringContaining("nothing to pay") });
    expect(await db.payRun.count({ where: { periodStart: new Date(`${m.start}T00:00:00Z`) } })).toBe(1);

    expect(await markPayRunPaid({ db, actor: w.director, input: { unverifiedPayRunId: created.payRunId } })).toMatchObject({ ok: false, message: "Approve the pay run before marking it paid." });
    expect(await approvePayRun({ db, actor: w.director, input: { unverifiedPayRunId: created.payRunId } })).toEqual({ ok: true, data: null });
    expect(await approvePayRun({ db, actor: w.director, input: { unverifiedPayRunId: created.payRunId } })).toMatchObject({ ok: false, message: "This pay run is already approved." });
    const paidAt = m.day(20, 12);
    expect(await markPayRunPaid({ db, actor: w.director, input: { unverifiedPayRunId: created.payRunId }, now: paidAt })).toEqual({ ok: true, data: { paidCount: 3 } });
    expect(await db.payRun.findUniqueOrThrow({ where: { id: created.payRunId } })).toMatchObject({ status: "PAID", paidAt });
    expect((await db.expenseClaim.findUniqueOrThrow({ where: { id: expense.id } })).status).toBe("PAID");
    expect(await db.associatePayment.findUniqueOrThrow({ where: { assignmentId: assignments[0]!.id } })).toMatchObject({ status: "PAID", paidAt });
    expect(await deleteDraftPayRun({ db, actor: w.director, input: { unverifiedPayRunId: created.payRunId } })).toMatchObject({ ok: false, message: expect.stringContaining("Only a draft") });

    // A run for the next month pays its own session, not anything already paid.
    const nextPeriod = { start: toIso(new Date(Date.UTC(m.year, m.month, 1))), end: toIso(new Date(Date.UTC(m.year, m.month + 1, 0))) };
    const second = await mustCreate(w, nextPeriod);
    expect(second).toMatchObject({ lineCount: 2, totalPence: 40_000 });

    // The associate's monthly statement lists what was paid (it reads the payments).
    const month = `${m.year}-${String(m.month).padStart(2, "0")}`;
    const statement = await getStatementData({ db, actor: { associateId: w.associates[0]!.id, userId: w.associates[0]!.userId }, input: { month }, now: m.day(28) });
    expect(statement.ok && statement.data.payments.map((p) => [p.kind, p.amountPence]).sort()).toEqual([
      ["EXPENSE", 2_250],
      ["FEE", 20_000],
    ]);
    expect(await db.auditEvent.findMany({ where: { subjectId: created.payRunId }, orderBy: { at: "asc" }, select: { action: true } })).toEqual([{ action: "payrun.create" }, { action: "payrun.read" }, { action: "payrun.approve" }, { action: "payrun.paid" }]);
  });

  it("two pay runs created at once for the same period never pay an item twice", async () => {
    const w = await world();
    const m = nextMonth();
    const { delivery } = await session(w, m.day(8));
    await session(w, m.day(9));
    const expense = await claim(w, delivery.id, 1, { status: "APPROVED" });
    const results = await Promise.all(Array.from({ length: 6 }, () => createPayRun({ db, actor: w.director, input: { periodStart: m.start, periodEnd: m.end } })));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => !r.ok)) expect(loser).toMatchObject({ code: "INVALID_INPUT" });
    expect(await db.payRun.count({ where: { periodStart: new Date(`${m.start}T00:00:00Z`) } })).toBe(1);
    expect(await db.associatePayment.count({ where: { OR: [{ expenseClaimId: expense.id }, { assignment: { deliveryId: delivery.id } }] } })).toBe(3);
  });

  it("pay preferences: declining or expenses-only means no fee line (expenses still paid back); vouchers and charity are listed but not in the bank file", async () => {
    const w = await world(["BANK_TRANSFER", "VOUCHER", "CHARITY", "EXPENSES_ONLY", "DECLINE"]);
    const m = nextMonth();
    const { delivery } = await session(w, m.day(14), { people: [0, 1, 2, 3, 4] });
    await claim(w, delivery.id, 4, { amountPence: 900, status: "APPROVED" });
    await claim(w, delivery.id, 1, { amountPence: 500, status: "APPROVED" });
    const created = await mustCreate(w, m);
    const run = (await getPayRun(db, { actor: w.director, unverifiedPayRunId: created.payRunId }))!;
    const byPerson = (index: number) => run.lines.filter((l) => l.associateId === w.associates[index]!.id).map((l) => [l.kind, l.method, l.amountPence]);
    expect(byPerson(0)).toEqual([["FEE", "BANK_TRANSFER", 20_000]]);
    expect(byPerson(1).sort()).toEqual([
      ["EXPENSE", "BANK_TRANSFER", 500],
      ["FEE", "VOUCHER", 20_000],
    ]);
    expect(byPerson(2)).toEqual([["FEE", "CHARITY", 20_000]]);
    expect(run.lines.find((l) => l.associateId === w.associates[2]!.id)?.charityName).toBe("Become");
    expect(byPerson(3)).toEqual([]);
    expect(byPerson(4)).toEqual([["EXPENSE", "BANK_TRANSFER", 900]]);
    expect(run.totalsByMethod).toEqual({ BANK_TRANSFER: 21_400, VOUCHER: 20_000, CHARITY: 20_000 });

    const file = (await exportPayRunBankCsv(db, { actor: w.director, unverifiedPayRunId: created.payRunId }))!;
    const rows = file.csv.trim().split("\n");
    expect(rows[0]).toBe("Payee name,Sort code (from your bank's payee list),Account number (from your bank's payee list),Amount (GBP),Reference,Method");
    expect(rows.slice(1).sort()).toEqual(
      [
        `${w.associates[0]!.user.name},,,200.00,${run.reference},Bank transfer`,
        `${w.associates[1]!.user.name},,,5.00,${run.reference},Bank transfer`,
        `${w.associates[4]!.user.name},,,9.00,${run.reference},Bank transfer`,
      ].sort(),
    );
    expect(await db.auditEvent.count({ where: { subjectId: created.payRunId, action: "payrun.export" } })).toBe(1);
  });

  it("cancellation pass-through is split between the associates who had accepted the work, paid like a fee", async () => {
    const w = await world();
    const m = nextMonth();
    await session(w, m.day(6), { status: "CANCELLED", assignmentStatus: "CANCELLED", passThroughPence: 15_001 });
    const created = await mustCreate(w, m);
    const run = (await getPayRun(db, { actor: w.director, unverifiedPayRunId: created.payRunId }))!;
    expect(run.lines.map((l) => l.kind)).toEqual(["CANCELLATION", "CANCELLATION"]);
    expect(run.lines.map((l) => l.amountPence).sort()).toEqual([7_500, 7_501]);
    expect(run.totalPence).toBe(15_001);
  });

  it("deleting a draft puts its work back to waiting: the next run pays it once", async () => {
    const w = await world();
    const m = nextMonth();
    const { delivery } = await session(w, m.day(16));
    const expense = await claim(w, delivery.id, 0, { status: "SUBMITTED" });
    await decideExpenseClaim({ db, actor: w.director, input: { decision: "APPROVE", unverifiedClaimId: expense.id } });
    const first = await mustCreate(w, m);
    expect(await deleteDraftPayRun({ db, actor: w.director, input: { unverifiedPayRunId: first.payRunId } })).toEqual({ ok: true, data: null });
    expect(await db.associatePayment.findUniqueOrThrow({ where: { expenseClaimId: expense.id } })).toMatchObject({ payRunId: null, status: "APPROVED" });
    const second = await mustCreate(w, m);
    expect(second).toMatchObject({ lineCount: 3, totalPence: 41_250 });
  });

  it("bad dates are refused field by field and write nothing; associates and clients get not found", async () => {
    const w = await world();
    const m = nextMonth();
    await session(w, m.day(18));
    const before = await db.payRun.count();
    expect(await createPayRun({ db, actor: w.director, input: { periodStart: "2041-02-30", periodEnd: "" } })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { periodStart: ["That date doesn't exist. Check the day and month."], periodEnd: ["Enter the last day of the period."] },
    });
    expect(await createPayRun({ db, actor: w.director, input: { periodStart: m.end, periodEnd: m.start } })).toMatchObject({ ok: false, fieldErrors: { periodEnd: ["The last day must be on or after the first day."] } });
    expect(await db.payRun.count()).toBe(before);
    const created = await mustCreate(w, m);
    for (const actor of [w.associateActor(0), w.context.actor]) {
      expect(await createPayRun({ db, actor, input: { periodStart: m.start, periodEnd: m.end } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await getPayRun(db, { actor, unverifiedPayRunId: created.payRunId })).toBeNull();
      expect(await exportPayRunBankCsv(db, { actor, unverifiedPayRunId: created.payRunId })).toBeNull();
      expect(await approvePayRun({ db, actor, input: { unverifiedPayRunId: created.payRunId } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await markPayRunPaid({ db, actor, input: { unverifiedPayRunId: created.payRunId } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await listPayRuns(db, { actor })).toEqual([]);
    }
    expect((await db.payRun.findUniqueOrThrow({ where: { id: created.payRunId } })).status).toBe("DRAFT");
  });
});

describe("associates list", () => {
  it("shows qualifications, compliance and utilisation over the next 4 weeks (booked vs available hours, across the March clock change); reads are audited; others get nothing", async () => {
    const w = await world(["BANK_TRANSFER", "VOUCHER"]);
    await db.associate.update({ where: { id: w.associates[1]!.id }, data: { receivesBenefits: true } });
    const now = new Date("2027-03-04T00:00:00Z"); // midnight in London; the clocks go forward on 28 March 2027
    await session(w, new Date("2027-03-06T10:00:00Z"), { status: "CONFIRMED" }); // 3 hours, both people
    await session(w, new Date("2027-04-10T10:00:00Z"), { status: "CONFIRMED" }); // outside the 4 weeks
    await db.timeOff.create({ data: { associateId: w.associates[0]!.id, startsAt: new Date("2027-03-10T00:00:00Z"), endsAt: new Date("2027-03-11T00:00:00Z") } });
    await db.complianceRecord.deleteMany({ where: { associateId: w.associates[1]!.id, kind: "INSURANCE" } });

    const list = (await listAssociatesForDirector(db, { actor: w.director, now }))!;
    const row = (index: number) => list.associates.find((a) => a.id === w.associates[index]!.id)!;
    // Available 08:00–20:00 London time on each of 28 days = 336 hours; one day off removes 12.
    expect(row(0).utilisation).toEqual({ bookedMinutes: 180, availableMinutes: 324 * 60, percent: 1 });
    expect(row(1).utilisation).toEqual({ bookedMinutes: 180, availableMinutes: 336 * 60, percent: 1 });
    expect(row(0)).toMatchObject({ approvedServices: ["Trauma-informed practice"], pendingServices: [], payPreference: "BANK_TRANSFER", receivesBenefits: false, compliance: { status: "CURRENT" } });
    expect(row(1)).toMatchObject({ payPreference: "VOUCHER", receivesBenefits: true, compliance: { status: "MISSING", missing: ["INSURANCE"] } });
    expect(row(0).compliance.nextExpiry).toMatchObject({ kind: "DBS_UPDATE_SERVICE" });
    expect(await db.auditEvent.count({ where: { actorId: w.director.userId, action: "associates.list.read" } })).toBe(1);

    const summary = (await getAssociateSummary(db, { actor: w.director, unverifiedAssociateId: w.associates[1]!.id, now }))!;
    expect(summary).toMatchObject({ receivesBenefits: true, payPreference: "VOUCHER", utilisation: { bookedMinutes: 180 } });
    expect(summary.upcoming).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { actorId: w.director.userId, action: "associate.summary.read", subjectId: w.associates[1]!.id } })).toBe(1);

    for (const actor of [w.associateActor(0), w.context.actor]) {
      expect(await listAssociatesForDirector(db, { actor, now })).toBeNull();
      expect(await getAssociateSummary(db, { actor, unverifiedAssociateId: w.associates[0]!.id, now })).toBeNull();
    }
    expect(await getAssociateSummary(db, { actor: w.director, unverifiedAssociateId: "nobody", now })).toBeNull();
  });
});

function toIso(date: Date) {
  return date.toISOString().slice(0, 10);
}
