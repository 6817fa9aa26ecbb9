import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db/create-client";
import { buildJobcentreLetter, buildStatementDocument, documentText } from "@/lib/integrations/pdf/associate-money";
import { deleteExpenseClaim, getReceiptForDownload, listClaimableDeliveries, resubmitExpenseClaim, submitExpenseClaim } from "@/lib/server/associates/expenses";
import { getMoneyOverview, updateBenefits, updatePayPreference } from "@/lib/server/associates/money";
import { MAX_RECEIPT_BYTES } from "@/lib/server/associates/money-receipts";
import { getJobcentreLetterData, getStatementData, renderJobcentreLetter, renderMonthlyStatement } from "@/lib/server/associates/statements";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());

/** Wednesday 25 November 2026, midday UK time. */
const NOW = new Date("2026-11-25T12:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Scenario = Awaited<ReturnType<typeof createScenario>>;
type Person = Scenario["associates"][number];

const actorOf = (person: Person) => ({ associateId: person.id, userId: person.user.id });
const fullActor = (person: Person): Actor => ({ userId: person.user.id, email: person.user.email, name: person.user.name, role: "ASSOCIATE", associateId: person.id, memberships: [] });

let sequence = 0;
/**
 * One session for the scenario's service with a lived and a professional associate (both accepted unless
 * told otherwise), created in one transaction so the database's pairing check is satisfied at commit.
 */
async function addSession(
  scenario: Scenario,
  options: { startsAt: Date; minutes?: number; status: "CONFIRMED" | "DELIVERED" | "CANCELLED" | "AWAITING_ACCEPTANCE"; feePence?: number; livedStatus?: "ACCEPTED" | "DECLINED"; lived?: Person; professional?: Person },
) {
  const lived = options.lived ?? scenario.associates[0]!;
  const professional = options.professional ?? scenario.associates[1]!;
  const endsAt = new Date(options.startsAt.getTime() + (options.minutes ?? 180) * 60_000);
  return db.$transaction(async (tx) => {
    const engagement = await tx.engagement.create({
      data: { reference: `GT-TEST-${++sequence}-${Math.random().toString(36).slice(2, 7)}`, organisationId: scenario.organisation.id, serviceId: scenario.service.id, requestedById: scenario.booker.id, status: "CONFIRMED", unitPricePenceSnapshot: 120_000, vatRateBasisPointsSnapshot: 2000 },
    });
    const delivery = await tx.delivery.create({ data: { engagementId: engagement.id, startsAt: options.startsAt, endsAt, mode: "ONLINE", status: options.status } });
    const assignment = await tx.assignment.create({
      data: { deliveryId: delivery.id, associateId: lived.id, role: "LIVED", status: options.livedStatus ?? "ACCEPTED", feePence: options.feePence ?? 17_500, blockedFrom: options.startsAt, blockedUntil: endsAt },
    });
    await tx.assignment.create({ data: { deliveryId: delivery.id, associateId: professional.id, role: "PROFESSIONAL", status: "ACCEPTED", feePence: 25_000, blockedFrom: options.startsAt, blockedUntil: endsAt } });
    return { delivery, assignment };
  });
}

const scenarioWithPair = () => createScenario(db, { associates: [{ expertise: "LIVED", name: "Marcus Reid" }, { expertise: "PROFESSIONAL", name: "Helen Carter" }, { expertise: "LIVED", name: "Chloe Evans" }] });

const jpeg = (size = 2_000) => {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
};
const file = (bytes: Uint8Array, name: string, type = "image/jpeg") => new File([bytes as Uint8Array<ArrayBuffer>], name, { type });

async function counts(associateId: string) {
  const [claims, receipts, audits] = await Promise.all([
    db.expenseClaim.count({ where: { associateId } }),
    db.expenseReceipt.count({ where: { expenseClaim: { associateId } } }),
    db.auditEvent.count({ where: { subject: "ExpenseClaim" } }),
  ]);
  return { claims, receipts, audits };
}

describe("expense claims", () => {
  it("mileage is paid at the HMRC rate in force on the session's date: an amount above it is capped and the cap explained", async () => {
    const scenario = await scenarioWithPair();
    const marcus = scenario.associates[0]!;
    // The rate changed after the session: the session's date decides.
    await db.policySetting.createMany({
      data: [
        { key: "hmrc.mileagePencePerMile", value: 40, effectiveFrom: new Date("2026-01-01") },
        { key: "hmrc.mileagePencePerMile", value: 55, effectiveFrom: new Date("2026-11-20") },
      ],
    });
    const { delivery } = await addSession(scenario, { startsAt: new Date(NOW.getTime() - 10 * DAY), status: "DELIVERED" });
    const claimable = await listClaimableDeliveries(db, { actor: actorOf(marcus), now: NOW });
    expect(claimable.map((d) => d.id)).toEqual([delivery.id]);

    const capped = await submitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input: { unverifiedDeliveryId: delivery.id, category: "MILEAGE", description: "Drove to Halifax and back", miles: "30", amount: "£20.00" } });
    expect(capped).toMatchObject({ ok: true, data: { claimedPence: 2_000, amountPence: 1_200, isCapped: true, capMessage: "HMRC's approved rate is 40p a mile, so we can pay £12.00; mileage above that would count as earnings." } });
    const stored = await db.expenseClaim.findFirstOrThrow({ where: { associateId: marcus.id } });
    expect(stored).toMatchObject({ category: "MILEAGE", miles: 30, claimedPence: 2_000, amountPence: 1_200, status: "SUBMITTED" });
    expect(await db.auditEvent.count({ where: { action: "expense.submit", subjectId: stored.id, actorId: marcus.user.id } })).toBe(1);

    // No amount typed: miles × rate, nothing to cap.
    const plain = await submitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input: { unverifiedDeliveryId: delivery.id, category: "MILEAGE", description: "Second trip", miles: "10" } });
    expect(plain).toMatchObject({ ok: true, data: { claimedPence: 400, amountPence: 400, isCapped: false, capMessage: null } });
  });

  it("bad input is refused in plain words and writes nothing: negative, zero and huge amounts, missing miles, and sessions that aren't theirs or are out of the window", async () => {
    const scenario = await scenarioWithPair();
    const [marcus, , chloe] = scenario.associates;
    const { delivery } = await addSession(scenario, { startsAt: new Date(NOW.getTime() - 3 * DAY), status: "DELIVERED" });
    const { delivery: chloesSession } = await addSession(scenario, { startsAt: new Date(NOW.getTime() - 4 * DAY), status: "DELIVERED", lived: chloe });
    const { delivery: tooOld } = await addSession(scenario, { startsAt: new Date(NOW.getTime() - 91 * DAY), status: "DELIVERED" });
    const { delivery: cancelled } = await addSession(scenario, { startsAt: new Date(NOW.getTime() - 5 * DAY), status: "CANCELLED" });
    const { delivery: declined } = await addSession(scenario, { startsAt: new Date(NOW.getTime() - 6 * DAY), status: "AWAITING_ACCEPTANCE", livedStatus: "DECLINED" });
    const { delivery: future } = await addSession(scenario, { startsAt: new Date(NOW.getTime() + 3 * DAY), status: "CONFIRMED" });
    const before = await counts(marcus!.id);
    const base = { unverifiedDeliveryId: delivery.id, category: "PUBLIC_TRANSPORT", description: "Train to Leeds" };

    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ ...base, amount: "-12.50" }, { amount: ["The amount can't be negative."] }],
      [{ ...base, amount: "0" }, { amount: ["Enter an amount more than £0."] }],
      [{ ...base, amount: "2000.01" }, { amount: ["That's more than £2,000, which is too much for one claim here. Please talk to us about large costs."] }],
      [{ ...base, amount: "1e9" }, { amount: ["Enter an amount in pounds, like 1200 or 1,200.50."] }],
      [{ ...base, amount: "" }, { amount: ["Enter the amount you spent."] }],
      [{ ...base, category: "MILEAGE", miles: "" }, { miles: ["Enter how many miles you drove."] }],
      [{ ...base, category: "MILEAGE", miles: "-4" }, { miles: ["Miles can't be negative."] }],
      [{ ...base, category: "MILEAGE", miles: "12.5" }, { miles: ["Enter the miles as a whole number, like 24."] }],
      [{ ...base, category: "MILEAGE", miles: "5000" }, { miles: ["Enter 1,000 miles or fewer for one claim."] }],
      [{ ...base, description: "", amount: "5" }, { description: ["Say what the expense was, like “Train from Leeds to Halifax”."] }],
      [{ ...base, category: "PETROL", amount: "5" }, { category: ["Choose what kind of expense this is."] }],
    ];
    for (const [input, fieldErrors] of cases) {
      const result = await submitExpenseClaim({ db, actor: actorOf(marcus!), now: NOW, input });
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors });
    }
    for (const unverifiedDeliveryId of [chloesSession.id, tooOld.id, cancelled.id, declined.id, future.id, "nonsense"]) {
      const result = await submitExpenseClaim({ db, actor: actorOf(marcus!), now: NOW, input: { ...base, unverifiedDeliveryId, amount: "5" } });
      expect(result, unverifiedDeliveryId).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await counts(marcus!.id)).toEqual(before);
  });

  it("a receipt over 5 MB or that isn't an image or PDF is refused (by its bytes, not its name) and nothing is written; a real one is stored", async () => {
    const scenario = await scenarioWithPair();
    const marcus = scenario.associates[0]!;
    const { delivery } = await addSession(scenario, { startsAt: new Date(NOW.getTime() - 2 * DAY), status: "DELIVERED" });
    const input = { unverifiedDeliveryId: delivery.id, category: "SUBSISTENCE", description: "Lunch on the training day", amount: "8.40" };
    const before = await counts(marcus.id);

    const tooBig = await submitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input: { ...input, receipt: file(jpeg(MAX_RECEIPT_BYTES + 1), "big.jpg") } });
    expect(tooBig).toMatchObject({ ok: false, fieldErrors: { receipt: ["That file is bigger than 5 MB. Please upload a smaller photo or a PDF."] } });
    const disguised = await submitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input: { ...input, receipt: file(new TextEncoder().encode("<html><script>alert(1)</script></html>"), "receipt.jpg") } });
    expect(disguised).toMatchObject({ ok: false, fieldErrors: { receipt: [expect.stringContaining("Upload a photo (JPEG, PNG, WebP or HEIC) or a PDF")] } });
    // Both problems at once are both reported.
    const both = await submitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input: { ...input, amount: "-1", receipt: file(new Uint8Array([1, 2, 3]), "x.png") } });
    expect(both).toMatchObject({ ok: false, fieldErrors: { amount: ["The amount can't be negative."], receipt: [expect.any(String)] } });
    expect(await counts(marcus.id)).toEqual(before);

    const exactlyFiveMb = await submitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input: { ...input, receipt: file(jpeg(MAX_RECEIPT_BYTES), "../../etc/Lunch receipt!.jpeg") } });
    expect(exactlyFiveMb.ok).toBe(true);
    const pdf = await submitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input: { ...input, receipt: file(new TextEncoder().encode("%PDF-1.7 fake but starts right"), "scan.pdf", "application/pdf") } });
    expect(pdf.ok).toBe(true);
    const receipt = await db.expenseReceipt.findFirstOrThrow({ where: { expenseClaimId: exactlyFiveMb.ok ? exactlyFiveMb.data.id : "" } });
    expect(receipt).toMatchObject({ filename: "Lunch receipt.jpg", contentType: "image/jpeg", sizeBytes: MAX_RECEIPT_BYTES });
  });

  it("a claim and its receipt are the owner's and the director's only: another associate or a client gets not found", async () => {
    const scenario = await scenarioWithPair();
    const [marcus, , chloe] = scenario.associates;
    const { delivery } = await addSession(scenario, { startsAt: new Date(NOW.getTime() - 2 * DAY), status: "CONFIRMED" });
    const claim = await submitExpenseClaim({ db, actor: actorOf(marcus!), now: NOW, input: { unverifiedDeliveryId: delivery.id, category: "OTHER", description: "Printing handouts", amount: "6", receipt: file(jpeg(), "print.jpg") } });
    if (!claim.ok) throw new Error(claim.message);
    const claimId = claim.data.id;

    const asOwner = await getReceiptForDownload(db, { actor: fullActor(marcus!), unverifiedClaimId: claimId });
    expect(asOwner).toMatchObject({ filename: "print.jpg", contentType: "image/jpeg", sizeBytes: 2_000 });
    const director: Actor = { userId: scenario.director.id, email: scenario.director.email, name: "Jade", role: "DIRECTOR", associateId: null, memberships: [] };
    expect(await getReceiptForDownload(db, { actor: director, unverifiedClaimId: claimId })).not.toBeNull();
    expect(await getReceiptForDownload(db, { actor: fullActor(chloe!), unverifiedClaimId: claimId })).toBeNull();
    expect(await getReceiptForDownload(db, { actor: scenario.context.actor, unverifiedClaimId: claimId })).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "expense.receipt.download", subjectId: claimId } })).toBe(2);

    // Another associate can neither delete nor change it.
    expect(await deleteExpenseClaim({ db, actor: actorOf(chloe!), input: { unverifiedClaimId: claimId } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await db.expenseClaim.update({ where: { id: claimId }, data: { status: "QUERIED", decisionNote: "Which handouts?" } });
    expect(await resubmitExpenseClaim({ db, actor: actorOf(chloe!), now: NOW, input: { unverifiedClaimId: claimId, unverifiedDeliveryId: delivery.id, category: "OTHER", description: "Mine now", amount: "600" } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.expenseClaim.findUniqueOrThrow({ where: { id: claimId } })).toMatchObject({ description: "Printing handouts", amountPence: 600, status: "QUERIED" });
  });

  it("a queried claim can be changed and sent back; only a claim waiting for a decision can be deleted (with its receipt)", async () => {
    const scenario = await scenarioWithPair();
    const marcus = scenario.associates[0]!;
    const { delivery } = await addSession(scenario, { startsAt: new Date(NOW.getTime() - 2 * DAY), status: "DELIVERED" });
    const input = { unverifiedDeliveryId: delivery.id, category: "PUBLIC_TRANSPORT", description: "Bus", amount: "3.20", receipt: file(jpeg(), "bus.jpg") };
    const first = await submitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input });
    if (!first.ok) throw new Error(first.message);

    // Not queried yet: it can't be edited, only deleted.
    expect(await resubmitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input: { ...input, unverifiedClaimId: first.data.id } })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    await db.expenseClaim.update({ where: { id: first.data.id }, data: { status: "QUERIED", decisionNote: "Was it a return ticket?", decidedAt: NOW } });
    const changed = await resubmitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input: { ...input, unverifiedClaimId: first.data.id, description: "Return bus ticket", amount: "6.40", receipt: file(new TextEncoder().encode("%PDF-1.4"), "ticket.pdf") } });
    expect(changed).toMatchObject({ ok: true, data: { amountPence: 640 } });
    expect(await db.expenseClaim.findUniqueOrThrow({ where: { id: first.data.id }, include: { receipt: true } })).toMatchObject({ status: "SUBMITTED", decidedAt: null, description: "Return bus ticket", amountPence: 640, receipt: { filename: "ticket.pdf", contentType: "application/pdf" } });
    // Bad input on a queried claim changes nothing.
    await db.expenseClaim.update({ where: { id: first.data.id }, data: { status: "QUERIED" } });
    expect(await resubmitExpenseClaim({ db, actor: actorOf(marcus), now: NOW, input: { ...input, unverifiedClaimId: first.data.id, amount: "0" } })).toMatchObject({ ok: false, fieldErrors: { amount: ["Enter an amount more than £0."] } });
    expect(await db.expenseClaim.findUniqueOrThrow({ where: { id: first.data.id } })).toMatchObject({ status: "QUERIED", amountPence: 640 });

    await db.expenseClaim.update({ where: { id: first.data.id }, data: { status: "APPROVED" } });
    expect(await deleteExpenseClaim({ db, actor: actorOf(marcus), input: { unverifiedClaimId: first.data.id } })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    await db.expenseClaim.update({ where: { id: first.data.id }, data: { status: "SUBMITTED" } });
    expect(await deleteExpenseClaim({ db, actor: actorOf(marcus), input: { unverifiedClaimId: first.data.id } })).toEqual({ ok: true, data: null });
    expect(await db.expenseClaim.count({ where: { id: first.data.id } })).toBe(0);
    expect(await db.expenseReceipt.count({ where: { expenseClaimId: first.data.id } })).toBe(0);
    expect(await db.auditEvent.findMany({ where: { subjectId: first.data.id }, select: { action: true }, orderBy: { at: "asc" } })).toEqual([{ action: "expense.submit" }, { action: "expense.resubmit" }, { action: "expense.delete" }]);
  });
});

describe("earnings, thresholds and warnings", () => {
  it("counts fees earned and booked and hours for this week/month/quarter, never expenses, cancelled or declined work, or anyone else's", async () => {
    const scenario = await scenarioWithPair();
    const [marcus, , chloe] = scenario.associates;
    const monday = await addSession(scenario, { startsAt: new Date("2026-11-23T09:00:00Z"), status: "DELIVERED", feePence: 17_500 });
    await addSession(scenario, { startsAt: new Date("2026-11-27T09:00:00Z"), minutes: 90, status: "CONFIRMED", feePence: 10_000 });
    await addSession(scenario, { startsAt: new Date("2026-11-26T09:00:00Z"), status: "CANCELLED", feePence: 99_999 });
    await addSession(scenario, { startsAt: new Date("2026-11-24T09:00:00Z"), status: "AWAITING_ACCEPTANCE", livedStatus: "DECLINED", feePence: 88_888 });
    await addSession(scenario, { startsAt: new Date("2026-11-24T13:00:00Z"), status: "DELIVERED", feePence: 77_777, lived: chloe });
    // Earlier in the month and quarter (October is in this quarter).
    await addSession(scenario, { startsAt: new Date("2026-11-05T10:00:00Z"), status: "DELIVERED", feePence: 20_000 });
    await addSession(scenario, { startsAt: new Date("2026-10-02T10:00:00Z"), status: "DELIVERED", feePence: 30_000 });
    await addSession(scenario, { startsAt: new Date("2026-09-30T10:00:00Z"), status: "DELIVERED", feePence: 40_000 });
    const claim = await submitExpenseClaim({ db, actor: actorOf(marcus!), now: NOW, input: { unverifiedDeliveryId: monday.delivery.id, category: "PUBLIC_TRANSPORT", description: "Train", amount: "13.50" } });
    expect(claim.ok).toBe(true);

    const overview = await getMoneyOverview({ db, actor: actorOf(marcus!), now: NOW });
    expect(overview!.periods.map((p) => [p.label, p.summary])).toEqual([
      ["this week (Mon 23 Nov – Sun 29 Nov)", { earnedPence: 17_500, bookedPence: 10_000, workedMinutes: 180, bookedMinutes: 90, expensesPence: 1_350 }],
      ["this month (November 2026)", { earnedPence: 37_500, bookedPence: 10_000, workedMinutes: 360, bookedMinutes: 90, expensesPence: 1_350 }],
      ["this quarter (Oct – Dec 2026)", { earnedPence: 67_500, bookedPence: 10_000, workedMinutes: 540, bookedMinutes: 90, expensesPence: 1_350 }],
    ]);
    expect(overview!.threshold).toBeNull();
    expect(overview!.warnings).toEqual([]);
    expect(overview!.claims).toHaveLength(1);
    // Chloe's page shows only her own work.
    const chloes = await getMoneyOverview({ db, actor: actorOf(chloe!), now: NOW });
    expect(chloes!.periods[0]!.summary).toMatchObject({ earnedPence: 77_777, bookedPence: 0 });
    expect(chloes!.claims).toEqual([]);
  });

  it("warns when earned plus booked fees go over their own threshold (exactly at it is fine), for coming weeks too, and about hours over the setting only if they receive benefits", async () => {
    const scenario = await scenarioWithPair();
    const marcus = scenario.associates[0]!;
    await addSession(scenario, { startsAt: new Date("2026-11-23T09:00:00Z"), status: "DELIVERED", feePence: 17_500 });
    await addSession(scenario, { startsAt: new Date("2026-11-27T09:00:00Z"), status: "CONFIRMED", feePence: 17_500 });
    await addSession(scenario, { startsAt: new Date("2026-12-09T10:00:00Z"), status: "CONFIRMED", feePence: 35_000 });
    const me = actorOf(marcus);

    expect(await updateBenefits({ db, actor: me, input: { receivesBenefits: "on", threshold: "350", capPeriod: "WEEK" } })).toEqual({ ok: true, data: null });
    let overview = await getMoneyOverview({ db, actor: me, now: NOW });
    expect(overview!.threshold).toMatchObject({ capPence: 35_000, totalPence: 35_000, percent: 100, isOver: false, label: "this week (Mon 23 Nov – Sun 29 Nov)" });
    expect(overview!.warnings).toEqual([]);

    expect((await updateBenefits({ db, actor: me, input: { receivesBenefits: "on", threshold: "349.99", capPeriod: "WEEK" } })).ok).toBe(true);
    overview = await getMoneyOverview({ db, actor: me, now: NOW });
    expect(overview!.threshold).toMatchObject({ totalPence: 35_000, isOver: true });
    expect(overview!.warnings.map((w) => w.message)).toEqual([
      "Your earned and booked fees for this week (Mon 23 Nov – Sun 29 Nov) come to £350.00, which is £0.01 over the £349.99 threshold you set. If that's a worry, talk to us about moving some work, or check with a free benefits adviser.",
      "Your earned and booked fees for the week of Mon 7 Dec – Sun 13 Dec come to £350.00, which is £0.01 over the £349.99 threshold you set. If that's a worry, talk to us about moving some work, or check with a free benefits adviser.",
    ]);

    // A monthly threshold: November's £350 is under £400; December's £350 too.
    expect((await updateBenefits({ db, actor: me, input: { receivesBenefits: "on", threshold: "400", capPeriod: "MONTH" } })).ok).toBe(true);
    expect((await getMoneyOverview({ db, actor: me, now: NOW }))!.warnings).toEqual([]);

    // The hours setting comes from policy (5 hours here): 6 hours this week is over, for people on benefits only.
    await db.policySetting.create({ data: { key: "benefits.weeklyHoursWarning", value: 5, effectiveFrom: new Date("2026-04-06") } });
    overview = await getMoneyOverview({ db, actor: me, now: NOW });
    expect(overview!.warnings.map((w) => w.code)).toEqual(["OVER_WEEKLY_HOURS"]);
    expect(overview!.warnings[0]!.message).toContain("You have 6 hours of work this week (Mon 23 Nov – Sun 29 Nov), over 5 hours.");
    expect((await updateBenefits({ db, actor: me, input: { threshold: "" } })).ok).toBe(true);
    overview = await getMoneyOverview({ db, actor: me, now: NOW });
    expect(overview!.warnings).toEqual([]);
    expect(overview!.profile).toMatchObject({ receivesBenefits: false, earningsCapPence: null, capPeriod: null });
    expect(await db.auditEvent.count({ where: { action: "associate.benefits.update", subjectId: marcus.id } })).toBe(4);
  });

  it("benefits and pay details: bad input is refused and writes nothing; vouchers for someone on benefits come with a warning; a charity needs a name", async () => {
    const scenario = await scenarioWithPair();
    const marcus = scenario.associates[0]!;
    const me = actorOf(marcus);
    const before = await db.associate.findUniqueOrThrow({ where: { id: marcus.id } });
    const refusals: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ receivesBenefits: "on", threshold: "-50", capPeriod: "WEEK" }, { threshold: ["Your threshold can't be a negative amount."] }],
      [{ receivesBenefits: "on", threshold: "0", capPeriod: "WEEK" }, { threshold: ["Enter an amount more than £0, or leave it empty if you don't want one."] }],
      [{ receivesBenefits: "on", threshold: "100000.01", capPeriod: "WEEK" }, { threshold: ["Enter a threshold of £100,000 or less."] }],
      [{ receivesBenefits: "on", threshold: "200" }, { capPeriod: ["Choose whether your threshold is for a week or a month."] }],
      [{ receivesBenefits: "on", threshold: "200", capPeriod: "YEAR" }, { capPeriod: ["Choose a week or a month."] }],
    ];
    for (const [input, fieldErrors] of refusals) expect(await updateBenefits({ db, actor: me, input }), JSON.stringify(input)).toMatchObject({ ok: false, fieldErrors });
    expect(await updatePayPreference({ db, actor: me, input: { payPreference: "CHARITY", charityName: " ", taxStatus: "SELF_EMPLOYED" } })).toMatchObject({ ok: false, fieldErrors: { charityName: ["Tell us which charity to pay."] } });
    expect(await updatePayPreference({ db, actor: me, input: { payPreference: "CASH", taxStatus: "MAYBE" } })).toMatchObject({ ok: false, fieldErrors: { payPreference: [expect.any(String)], taxStatus: [expect.any(String)] } });
    expect(await db.associate.findUniqueOrThrow({ where: { id: marcus.id } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { subjectId: marcus.id } })).toBe(0);

    expect(await updatePayPreference({ db, actor: me, input: { payPreference: "VOUCHER", taxStatus: "NOT_SURE", charityName: "Ignored" } })).toEqual({ ok: true, data: { voucherWarning: null } });
    expect((await updateBenefits({ db, actor: me, input: { receivesBenefits: "on" } })).ok).toBe(true);
    const again = await updatePayPreference({ db, actor: me, input: { payPreference: "VOUCHER", taxStatus: "NOT_SURE" } });
    expect(again).toMatchObject({ ok: true, data: { voucherWarning: expect.stringContaining("Vouchers for paid work can still count as earnings") } });
    expect(await db.associate.findUniqueOrThrow({ where: { id: marcus.id } })).toMatchObject({ payPreference: "VOUCHER", charityName: null, taxStatus: "NOT_SURE", receivesBenefits: true });
    expect((await getMoneyOverview({ db, actor: me, now: NOW }))!.voucherWarning).toContain("Vouchers for paid work");
    expect((await updatePayPreference({ db, actor: me, input: { payPreference: "CHARITY", charityName: "Northshire Young People's Fund", taxStatus: "SELF_EMPLOYED" } })).ok).toBe(true);
    expect(await db.associate.findUniqueOrThrow({ where: { id: marcus.id } })).toMatchObject({ payPreference: "CHARITY", charityName: "Northshire Young People's Fund" });
  });
});

describe("statements and the Jobcentre letter", () => {
  it("a month's statement lists the caller's own sessions, expenses apart and payments made; the letter lists sessions with hours and fees and says expenses aren't earnings", async () => {
    const scenario = await scenarioWithPair();
    const [marcus, , chloe] = scenario.associates;
    // The letter is signed by the (first) director account; this file's scenarios each made one.
    await db.user.updateMany({ where: { platformRole: "DIRECTOR" }, data: { name: "Jade Thompson" } });
    const delivered = await addSession(scenario, { startsAt: new Date("2026-10-05T09:00:00Z"), status: "DELIVERED", feePence: 35_000 });
    await addSession(scenario, { startsAt: new Date("2026-10-14T12:00:00Z"), status: "DELIVERED", feePence: 55_555, lived: chloe });
    await addSession(scenario, { startsAt: new Date("2026-10-20T12:00:00Z"), status: "CANCELLED", feePence: 44_444 });
    const claim = await submitExpenseClaim({ db, actor: actorOf(marcus!), now: new Date("2026-10-06T12:00:00Z"), input: { unverifiedDeliveryId: delivered.delivery.id, category: "PUBLIC_TRANSPORT", description: "Train to Leeds", amount: "13.50" } });
    if (!claim.ok) throw new Error(claim.message);
    await db.expenseClaim.update({ where: { id: claim.data.id }, data: { status: "PAID" } });
    await db.associatePayment.createMany({
      data: [
        { associateId: marcus!.id, assignmentId: delivered.assignment.id, amountPence: 35_000, status: "PAID", paidAt: new Date("2026-10-30T10:00:00Z") },
        { associateId: marcus!.id, expenseClaimId: claim.data.id, amountPence: 1_350, status: "PAID", paidAt: new Date("2026-10-30T10:00:00Z") },
      ],
    });

    const statement = await getStatementData({ db, actor: actorOf(marcus!), input: { month: "2026-10" }, now: NOW });
    if (!statement.ok) throw new Error(statement.message);
    const text = documentText(buildStatementDocument(statement.data));
    expect(text).toContain("Statement for October 2026");
    expect(text).toContain("Mon 5 Oct 2026 10:00 | Trauma-informed practice for Northshire County Council | 3 hours | £350.00");
    expect(text).toContain("Mon 5 Oct 2026 | Public transport: Train to Leeds | Paid | £13.50 | £13.50");
    expect(text).toContain("Fri 30 Oct 2026 | Trauma-informed practice, 5 Oct 2026 | Fee | £350.00");
    expect(text).toContain("Fri 30 Oct 2026 | Public transport: Train to Leeds | Expenses | £13.50");
    expect(text).toContain("Fees earned: £350.00 for 3 hours");
    expect(text).toContain("Expenses paid back to you: £13.50");
    expect(text).not.toContain("£555.55");
    expect(text).not.toContain("£444.44");

    const letter = await getJobcentreLetterData({ db, actor: actorOf(marcus!), input: { from: "2026-10-01", to: "2026-10-31" }, now: NOW });
    if (!letter.ok) throw new Error(letter.message);
    const letterText = documentText(buildJobcentreLetter(letter.data));
    expect(letterText).toContain("This letter covers 1 Oct 2026 – 31 Oct 2026.");
    expect(letterText).toContain("Mon 5 Oct 2026 | Trauma-informed practice | 3 hours | £350.00");
    expect(letterText).toContain("30 October 2026 | £350.00");
    expect(letterText).toContain("We also paid back £13.50 of expenses (such as travel) in this period.");
    expect(letterText).toContain("they are not earnings");
    expect(letterText).toContain("Jade Thompson");
    expect(letterText).not.toContain("£555.55");

    // The PDFs themselves, with the download audited; a period over 12 months or nonsense is refused.
    const pdf = await renderMonthlyStatement({ db, actor: actorOf(marcus!), input: { month: "2026-10" }, now: NOW });
    expect(pdf.ok && Buffer.from(pdf.data.pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(pdf.ok && pdf.data.filename).toBe("statement-2026-10.pdf");
    const letterPdf = await renderJobcentreLetter({ db, actor: actorOf(marcus!), input: { month: "2026-10" }, now: NOW });
    expect(letterPdf.ok && letterPdf.data.filename).toBe("letter-about-work-2026-10.pdf");
    expect(await db.auditEvent.count({ where: { subjectId: marcus!.id, action: { in: ["associate.statement.download", "associate.jobcentre-letter.download"] } } })).toBe(2);
    expect(await renderJobcentreLetter({ db, actor: actorOf(marcus!), input: { from: "2025-10-01", to: "2026-10-31" }, now: NOW })).toMatchObject({ ok: false, fieldErrors: { to: ["Choose a period of 12 months or less."] } });
    expect(await renderMonthlyStatement({ db, actor: actorOf(marcus!), input: { month: "October" }, now: NOW })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
  });
});
