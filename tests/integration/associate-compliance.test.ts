import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { AssociateActor } from "@/lib/auth/guards";
import { createPrismaClient } from "@/lib/db/create-client";
import { getComplianceOverview, submitComplianceRecord, withdrawComplianceEntry } from "@/lib/server/associates/compliance";
import { sendComplianceExpiryWarnings } from "@/lib/server/associates/compliance-expiry";
import { checkAssociateCompliance } from "@/lib/server/booking/compliance-check";
import {
  approveQualification,
  declineComplianceRecord,
  declineQualification,
  getChecksReview,
  verifyComplianceRecord,
} from "@/lib/server/director/review-checks";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());

// Tuesday 2 March 2027, 10:00 in London.
const NOW = new Date("2027-03-02T10:00:00Z");
const APP_URL = "https://app.example";

type Scenario = Awaited<ReturnType<typeof createScenario>>;
const actorOf = (associate: Scenario["associates"][number]): AssociateActor => ({
  userId: associate.userId,
  email: associate.user.email,
  name: associate.user.name,
  role: "ASSOCIATE",
  associateId: associate.id,
  memberships: [],
});
const directorOf = (scenario: Scenario): Actor => ({ userId: scenario.director.id, email: scenario.director.email, name: "Director", role: "DIRECTOR", associateId: null, memberships: [] });

const dbsInput = { kind: "DBS_ENHANCED", reference: "0012 3456 7890", checkedOn: "2027-02-20", level: "ENHANCED", workforce: "CHILD", barredListChecked: "yes" };

async function isAllowedOnChildFacing(scenario: Scenario, associateId: string, on = "2027-03-10T10:00:00Z") {
  return checkAssociateCompliance(db, {
    associateId,
    role: "LIVED",
    service: { childFacing: true, requiresSocialWorkRegistration: false },
    startsAt: new Date(on),
    policy: await getPolicy(db, NOW),
  });
}

describe("entering checks", () => {
  it("a DBS entered by the associate is unverified and does not count for compliance until the director verifies it", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED", hasNoDbs: true }], serviceOverrides: { childFacing: true } });
    const associate = scenario.associates[0]!;
    const actor = actorOf(associate);
    expect(await isAllowedOnChildFacing(scenario, associate.id)).toMatchObject({ isAllowed: false, reasons: [{ code: "DBS_MISSING" }] });

    const submitted = await submitComplianceRecord({ db, actor, input: dbsInput, now: NOW });
    expect(submitted.ok).toBe(true);
    const record = await db.complianceRecord.findUniqueOrThrow({ where: { id: submitted.ok ? submitted.data.id : "" } });
    expect(record).toMatchObject({
      associateId: associate.id,
      kind: "DBS_ENHANCED",
      reference: "001234567890",
      verifiedAt: null,
      verifiedById: null,
      expiresOn: null,
      details: { level: "ENHANCED", workforce: "CHILD", barredListChecked: true },
    });
    expect(record.checkedOn.toISOString().slice(0, 10)).toBe("2027-02-20");
    expect(await db.auditEvent.count({ where: { action: "compliance.submit", subjectId: record.id, actorId: associate.userId } })).toBe(1);
    // Still blocked: the gate ignores unverified records.
    expect(await isAllowedOnChildFacing(scenario, associate.id)).toMatchObject({ isAllowed: false, reasons: [{ code: "DBS_MISSING" }] });
    const overview = await getComplianceOverview({ db, actor, now: NOW });
    expect(overview!.kinds.find((k) => k.kind === "DBS_ENHANCED")).toMatchObject({ status: "WAITING", current: null });
    expect(overview!.reports[0]!.blocks).toEqual([
      expect.objectContaining({ code: "DBS_MISSING", affects: expect.stringContaining("Child-facing services (Trauma-informed practice)"), fixKind: "DBS_ENHANCED" }),
    ]);
    // The same details again are refused while the first is waiting.
    expect(await submitComplianceRecord({ db, actor, input: dbsInput, now: NOW })).toMatchObject({ ok: false, message: expect.stringContaining("already sent these details") });

    expect(await verifyComplianceRecord({ db, actor: directorOf(scenario), input: { unverifiedRecordId: record.id }, now: NOW })).toEqual({ ok: true, data: null });
    expect(await isAllowedOnChildFacing(scenario, associate.id)).toEqual({ isAllowed: true });
    const after = await getComplianceOverview({ db, actor, now: NOW });
    expect(after!.kinds.find((k) => k.kind === "DBS_ENHANCED")).toMatchObject({ status: "VERIFIED", current: { id: record.id } });
    expect(after!.reports.every((report) => report.blocks.length === 0)).toBe(true);
  });

  it("bad dates and numbers are refused field by field, and nothing is written", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "PROFESSIONAL" }] });
    const associate = scenario.associates[0]!;
    const actor = actorOf(associate);
    const before = await db.complianceRecord.count({ where: { associateId: associate.id } });
    const attempts: [Record<string, string>, Record<string, string[]>][] = [
      [{ ...dbsInput, checkedOn: "2027-03-03", reference: "12345" }, { checkedOn: ["The issue date can't be in the future."], reference: ["Enter the 12-digit certificate number, as printed on the certificate."] }],
      [{ ...dbsInput, checkedOn: "2027-02-30" }, { checkedOn: ["Enter a real date, like 31/03/2026."] }],
      [{ ...dbsInput, barredListChecked: "" }, { barredListChecked: ["Say whether the children's barred list was checked."] }],
      [{ kind: "INSURANCE", insurer: "Hollin Mutual", reference: "PI-1", checkedOn: "2027-03-01", expiresOn: "2027-02-01" }, { expiresOn: ["The end date must be after the start date."] }],
      [{ kind: "INSURANCE", insurer: "Hollin Mutual", reference: "PI-1", checkedOn: "2026-01-01", expiresOn: "2027-01-01" }, { expiresOn: ["That cover has already ended. Enter your current policy."] }],
      [{ kind: "SAFEGUARDING_TRAINING", course: "Level 3", checkedOn: "2027-04-01", expiresOn: "2030-04-01" }, { checkedOn: ["The completion date can't be in the future."] }],
      [{ kind: "DBS_UPDATE_SERVICE", reference: "C0AB12345", checkedOn: "2026-02-01" }, { checkedOn: [expect.stringContaining("more than 12 months old") as unknown as string] }],
      [{ kind: "PROFESSIONAL_REGISTRATION", body: "OTHER", reference: "X1", checkedOn: "2026-10-10", expiresOn: "2027-11-30" }, { otherBody: ["Enter the name of the body you're registered with."] }],
      [{ kind: "PROFESSIONAL_REGISTRATION", body: "SOCIAL_WORK_ENGLAND", reference: "SW1", checkedOn: "", expiresOn: "2027-11-30" }, { checkedOn: ["Enter the date you registered or last renewed."] }],
    ];
    for (const [input, fieldErrors] of attempts) {
      const result = await submitComplianceRecord({ db, actor, input, now: NOW });
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors });
    }
    expect(await db.complianceRecord.count({ where: { associateId: associate.id } })).toBe(before);
    expect(await db.auditEvent.count({ where: { action: "compliance.submit", actorId: associate.userId } })).toBe(0);

    const registration = await submitComplianceRecord({
      db,
      actor,
      input: { kind: "PROFESSIONAL_REGISTRATION", body: "SOCIAL_WORK_ENGLAND", reference: "SW 84213", checkedOn: "2026-10-10", expiresOn: "2027-11-30" },
      now: NOW,
    });
    expect(registration.ok).toBe(true);
    const stored = await db.complianceRecord.findFirstOrThrow({ where: { associateId: associate.id, kind: "PROFESSIONAL_REGISTRATION" } });
    expect(stored).toMatchObject({ reference: "SW 84213", details: { body: "SOCIAL_WORK_ENGLAND" }, verifiedAt: null });
  });

  it("an entry is judged by the UK date: just after midnight in summer, 'today' is already the next day", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }] });
    const actor = actorOf(scenario.associates[0]!);
    // 23:30 UTC on 14 June 2027 is 00:30 on 15 June in London.
    const lateEvening = new Date("2027-06-14T23:30:00Z");
    const result = await submitComplianceRecord({ db, actor, input: { kind: "SAFEGUARDING_TRAINING", course: "Safeguarding level 3", checkedOn: "2027-06-15", expiresOn: "2030-06-15" }, now: lateEvening });
    expect(result.ok).toBe(true);
  });

  it("another associate's entry is not found: it can't be taken back or seen by them", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const [owner, other] = scenario.associates.map(actorOf) as [AssociateActor, AssociateActor];
    const submitted = await submitComplianceRecord({ db, actor: owner, input: { kind: "INSURANCE", insurer: "Hollin Mutual", reference: "PI-77", checkedOn: "2027-03-01", expiresOn: "2028-03-01" }, now: NOW });
    const id = submitted.ok ? submitted.data.id : "";
    expect(await withdrawComplianceEntry({ db, actor: other, input: { unverifiedRecordId: id } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.complianceRecord.count({ where: { id } })).toBe(1);
    const othersView = await getComplianceOverview({ db, actor: other, now: NOW });
    expect(othersView!.kinds.flatMap((k) => k.entries).some((e) => e.id === id)).toBe(false);
    // An actor pointing at no associate sees nothing at all.
    expect(await getComplianceOverview({ db, actor: { ...other, associateId: "missing" }, now: NOW })).toBeNull();

    expect(await withdrawComplianceEntry({ db, actor: owner, input: { unverifiedRecordId: id } })).toEqual({ ok: true, data: null });
    expect(await db.complianceRecord.count({ where: { id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "compliance.withdraw-entry", subjectId: id } })).toBe(1);
  });

  it("shows what is blocked today and in 30 days: insurance running out in 20 days blocks every service by then", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "BOTH", insuranceExpiresOn: "2027-03-22" }], serviceOverrides: { requiresSocialWorkRegistration: true } });
    const actor = actorOf(scenario.associates[0]!);
    const overview = (await getComplianceOverview({ db, actor, now: NOW }))!;
    expect(overview.today).toBe("2027-03-02");
    expect(overview.ahead).toBe("2027-04-01");
    expect(overview.kinds.find((k) => k.kind === "INSURANCE")).toMatchObject({ status: "EXPIRING", current: { daysLeft: 20, validUntil: "2027-03-22" } });
    expect(overview.kinds.find((k) => k.kind === "RIGHT_TO_WORK")).toMatchObject({ status: "MISSING" });
    // Today only the social work role is blocked (no registration on file); in 30 days, insurance blocks everything.
    expect(overview.reports[0]!.blocks.map((b) => [b.code, b.affects])).toEqual([["SOCIAL_WORK_REGISTRATION_INACTIVE", "Social work roles (Trauma-informed practice)"]]);
    expect(overview.reports[1]!.blocks.map((b) => [b.code, b.affects, b.reason])).toEqual([
      ["INSURANCE_EXPIRES_BEFORE_DELIVERY", "All your services", "your insurance will have run out by then."],
      ["SOCIAL_WORK_REGISTRATION_INACTIVE", "Social work roles (Trauma-informed practice)", expect.stringContaining("will have run out")],
    ]);
  });
});

describe("the director's review", () => {
  it("verifying and declining write audit events; declining needs a note, which the associate sees and is emailed; each entry is reviewed once", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }] });
    const associate = scenario.associates[0]!;
    const actor = actorOf(associate);
    const director = directorOf(scenario);
    const a = await submitComplianceRecord({ db, actor, input: { kind: "INSURANCE", insurer: "Hollin Mutual", reference: "PI-100", checkedOn: "2027-03-01", expiresOn: "2028-03-01" }, now: NOW });
    const b = await submitComplianceRecord({ db, actor, input: { kind: "SAFEGUARDING_TRAINING", course: "Safeguarding level 3", checkedOn: "2027-02-01", expiresOn: "2030-02-01" }, now: NOW });
    const [first, second] = [a, b].map((r) => (r.ok ? r.data.id : "")) as [string, string];

    const review = (await getChecksReview({ db, actor: director, now: NOW }))!;
    expect(review.waiting.filter((w) => w.associate.id === associate.id).map((w) => w.id).sort()).toEqual([first, second].sort());
    const read = await db.auditEvent.findFirstOrThrow({ where: { action: "compliance.review.read", actorId: director.userId }, orderBy: { at: "desc" } });
    expect((read.data as { waitingRecordIds: string[] }).waitingRecordIds).toEqual(expect.arrayContaining([first, second]));

    expect(await verifyComplianceRecord({ db, actor: director, input: { unverifiedRecordId: first }, now: NOW })).toEqual({ ok: true, data: null });
    expect(await verifyComplianceRecord({ db, actor: director, input: { unverifiedRecordId: first }, now: NOW })).toMatchObject({ ok: false, message: "That check has already been reviewed." });
    expect(await db.complianceRecord.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ verifiedById: director.userId, verifiedAt: NOW });
    expect(await db.auditEvent.count({ where: { action: "compliance.verify", subjectId: first, actorId: director.userId } })).toBe(1);

    expect(await declineComplianceRecord({ db, actor: director, input: { unverifiedRecordId: second, note: " " }, now: NOW, appUrl: APP_URL })).toMatchObject({
      ok: false,
      fieldErrors: { note: ["Say why it can't be accepted, so the associate knows what to do."] },
    });
    expect((await db.complianceRecord.findUniqueOrThrow({ where: { id: second } })).rejectedAt).toBeNull();
    const note = "The certificate says level 2 — we need level 3 for this work.";
    expect(await declineComplianceRecord({ db, actor: director, input: { unverifiedRecordId: second, note }, now: NOW, appUrl: APP_URL })).toEqual({ ok: true, data: null });
    expect(await db.complianceRecord.findUniqueOrThrow({ where: { id: second } })).toMatchObject({ rejectedAt: NOW, reviewNote: note, verifiedAt: null });
    expect(await db.auditEvent.count({ where: { action: "compliance.decline", subjectId: second } })).toBe(1);
    const email = await db.outboxMessage.findFirstOrThrow({ where: { kind: "compliance-not-accepted", to: associate.user.email.toLowerCase() } });
    expect((email.payload as { text: string }).text).toContain(note);
    expect(await verifyComplianceRecord({ db, actor: director, input: { unverifiedRecordId: second }, now: NOW })).toMatchObject({ ok: false });

    const overview = (await getComplianceOverview({ db, actor, now: NOW }))!;
    const training = overview.kinds.find((k) => k.kind === "SAFEGUARDING_TRAINING")!;
    // The scenario's own verified training still counts; the declined entry shows with the director's note.
    expect(training.status).toBe("VERIFIED");
    expect(training.entries.find((e) => e.id === second)).toMatchObject({ status: "NOT_ACCEPTED", reviewNote: note });
    expect((await getChecksReview({ db, actor: director, now: NOW }))!.waiting.some((w) => w.id === first || w.id === second)).toBe(false);
  });

  it("an associate or a client can't verify, decline or read the queue: not found, nothing changes", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const [owner, other] = scenario.associates.map(actorOf) as [AssociateActor, AssociateActor];
    const submitted = await submitComplianceRecord({ db, actor: owner, input: { kind: "INSURANCE", insurer: "Hollin Mutual", reference: "PI-5", checkedOn: "2027-03-01", expiresOn: "2028-03-01" }, now: NOW });
    const id = submitted.ok ? submitted.data.id : "";
    for (const actor of [owner, other, scenario.context.actor]) {
      expect(await verifyComplianceRecord({ db, actor, input: { unverifiedRecordId: id }, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await declineComplianceRecord({ db, actor, input: { unverifiedRecordId: id, note: "No" }, now: NOW, appUrl: APP_URL })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await getChecksReview({ db, actor, now: NOW })).toBeNull();
    }
    expect(await db.complianceRecord.findUniqueOrThrow({ where: { id } })).toMatchObject({ verifiedAt: null, rejectedAt: null });
    expect(await db.auditEvent.count({ where: { action: { in: ["compliance.verify", "compliance.decline"] }, subjectId: id } })).toBe(0);
  });

  it("the director approves or declines requests to deliver a service, audited", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }] });
    const associate = scenario.associates[0]!;
    const director = directorOf(scenario);
    const services = await Promise.all(
      ["Mentoring", "Group work"].map((name, i) =>
        db.service.create({ data: { slug: `svc-${i}-${Date.now()}`, name, category: "MENTORING", summary: "s", description: "d", durationMinutes: 60, deliveryModes: ["ONLINE"], capacity: 1, pricePence: 10_000 } }),
      ),
    );
    const [toApprove, toDecline] = await Promise.all(services.map((s) => db.qualification.create({ data: { associateId: associate.id, serviceId: s.id } })));
    expect(await approveQualification({ db, actor: actorOf(associate), input: { unverifiedQualificationId: toApprove!.id }, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const review = (await getChecksReview({ db, actor: director, now: NOW }))!;
    expect(review.pendingQualifications.filter((q) => q.associate.id === associate.id).map((q) => q.service.name).sort()).toEqual(["Group work", "Mentoring"]);

    expect(await approveQualification({ db, actor: director, input: { unverifiedQualificationId: toApprove!.id }, now: NOW })).toEqual({ ok: true, data: null });
    expect(await db.qualification.findUniqueOrThrow({ where: { id: toApprove!.id } })).toMatchObject({ status: "APPROVED", approvedById: director.userId, approvedAt: NOW });
    expect(await declineQualification({ db, actor: director, input: { unverifiedQualificationId: toDecline!.id } })).toEqual({ ok: true, data: null });
    expect(await db.qualification.count({ where: { id: toDecline!.id } })).toBe(0);
    // An approved qualification can't be "declined" from the queue.
    expect(await declineQualification({ db, actor: director, input: { unverifiedQualificationId: toApprove!.id } })).toMatchObject({ ok: false });
    expect(await db.auditEvent.count({ where: { action: "qualification.approve", subjectId: toApprove!.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "qualification.decline", subjectId: toDecline!.id } })).toBe(1);
  });
});

describe("30-day warnings", () => {
  it("emails the associate once about a verified check running out within 30 days, even with two workers at once; a verified renewal silences it", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED", insuranceExpiresOn: "2027-03-25" }, { expertise: "LIVED", insuranceExpiresOn: "2027-03-25" }] });
    const [lapsing, renewed] = scenario.associates as [Scenario["associates"][number], Scenario["associates"][number]];
    await db.complianceRecord.create({
      data: { associateId: renewed.id, kind: "INSURANCE", reference: "PI-NEW", checkedOn: new Date("2027-03-25"), expiresOn: new Date("2028-03-25"), verifiedAt: NOW, verifiedById: scenario.director.id },
    });
    // An unverified renewal does not silence the warning.
    await submitComplianceRecord({ db, actor: actorOf(lapsing), input: { kind: "INSURANCE", insurer: "Hollin Mutual", reference: "PI-X", checkedOn: "2027-03-25", expiresOn: "2028-03-25" }, now: NOW });

    // 40 days before: too early.
    await sendComplianceExpiryWarnings({ db, now: new Date("2027-02-13T09:00:00Z"), appUrl: APP_URL });
    const emailsTo = (to: string) => db.outboxMessage.findMany({ where: { kind: "compliance-expiry-warning", to: to.toLowerCase() } });
    expect(await emailsTo(lapsing.user.email)).toHaveLength(0);

    await Promise.all([sendComplianceExpiryWarnings({ db, now: NOW, appUrl: APP_URL }), sendComplianceExpiryWarnings({ db, now: NOW, appUrl: APP_URL })]);
    await sendComplianceExpiryWarnings({ db, now: new Date("2027-03-03T09:00:00Z"), appUrl: APP_URL });
    const sent = await emailsTo(lapsing.user.email);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe("Your insurance needs renewing by 25 March 2027");
    expect((sent[0]!.payload as { text: string }).text).toContain("Your insurance runs out on 25 March 2027 (in 23 days).");
    expect((sent[0]!.payload as { text: string }).text).toContain(`${APP_URL}/associate/checks`);
    expect(await emailsTo(renewed.user.email)).toHaveLength(0);

    const review = (await getChecksReview({ db, actor: directorOf(scenario), now: NOW }))!;
    expect(review.expiring.filter((e) => e.associateId === lapsing.id || e.associateId === renewed.id).map((e) => [e.associateId, e.kind, e.daysLeft])).toEqual([[lapsing.id, "INSURANCE", 23]]);
  });
});
