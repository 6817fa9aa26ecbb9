import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db/create-client";
import { AUDIT_PAGE_SIZE, getAuditLog, SYSTEM_ACTOR } from "@/lib/server/director/audit-log";
import { getImpactReport } from "@/lib/server/director/reports";
import { getEvaluationReport } from "@/lib/server/director/reports-evaluation";
import { getPeriodRange } from "@/lib/server/director/reports-period";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());

const directorActor = (userId: string): Actor => ({ userId, email: "director@test.example", name: "Director", role: "DIRECTOR", associateId: null, memberships: [] });

type Role = "LIVED" | "PROFESSIONAL";
type Status = "ACCEPTED" | "DECLINED";

/**
 * A small known data set in spring 2031 (UK clocks went forward on Sunday 30 March 2031).
 * L1, L2, L3 and LE (expenses only, so no fee) are lived-experience associates, B has both kinds of
 * expertise, P1 and P2 are professionals.
 */
async function knownDataSet() {
  const scenario = await createScenario(db, {
    associates: [
      { expertise: "LIVED", name: "Lina One" },
      { expertise: "LIVED", name: "Leo Two" },
      { expertise: "LIVED", name: "Lou Three" },
      { expertise: "LIVED", name: "Lee Expenses" },
      { expertise: "BOTH", name: "Bea Both" },
      { expertise: "PROFESSIONAL", name: "Pat One" },
      { expertise: "PROFESSIONAL", name: "Pip Two" },
    ],
  });
  const nth = (index: number) => scenario.associates[index]!;
  const [l1, l2, le, p1, p2] = [nth(0), nth(1), nth(3), nth(5), nth(6)];
  // Only this scenario's people count (other tests in this file made associates too).
  await db.associate.updateMany({ where: { id: { notIn: scenario.associates.map((a) => a.id) } }, data: { active: false } });
  const otherOrganisation = await db.organisation.create({ data: { slug: `riverside-${Date.now()}`, name: "Riverside Children's Home" } });
  let engagementCount = 0;
  async function delivery(startsAt: string, minutes: number, status: "DELIVERED" | "CONFIRMED", assignments: [{ id: string }, Role, Status, number][], organisationId = scenario.organisation.id) {
    const start = new Date(startsAt);
    const end = new Date(start.getTime() + minutes * 60_000);
    const engagement = await db.engagement.create({
      data: {
        reference: `GT-TEST-${Date.now()}-${++engagementCount}`,
        organisationId,
        serviceId: scenario.service.id,
        requestedById: scenario.booker.id,
        status: status === "DELIVERED" ? "DELIVERED" : "CONFIRMED",
        unitPricePenceSnapshot: 120_000,
        vatRateBasisPointsSnapshot: 2000,
      },
    });
    return db.delivery.create({
      data: {
        engagementId: engagement.id,
        startsAt: start,
        endsAt: end,
        mode: "ONLINE",
        status,
        assignments: {
          create: assignments.map(([who, role, assignmentStatus, feePence]) => ({ associateId: who.id, role, status: assignmentStatus, feePence, blockedFrom: start, blockedUntil: end })),
        },
      },
      include: { assignments: true, engagement: true },
    });
  }
  const d1 = await delivery("2031-05-06T09:00:00Z", 180, "DELIVERED", [[l1, "LIVED", "ACCEPTED", 36_000], [p1, "PROFESSIONAL", "ACCEPTED", 40_000]]);
  await delivery("2031-05-13T09:00:00Z", 180, "DELIVERED", [[l1, "LIVED", "ACCEPTED", 36_000], [p1, "PROFESSIONAL", "ACCEPTED", 40_000]]);
  const d3 = await delivery("2031-04-10T13:00:00Z", 210, "DELIVERED", [[l2, "LIVED", "ACCEPTED", 18_000], [p2, "PROFESSIONAL", "ACCEPTED", 40_000]], otherOrganisation.id);
  await delivery("2031-05-14T09:00:00Z", 180, "DELIVERED", [[le, "LIVED", "ACCEPTED", 0], [p2, "PROFESSIONAL", "ACCEPTED", 40_000]]);
  const d5 = await delivery("2031-05-15T09:00:00Z", 180, "DELIVERED", [[l2, "LIVED", "DECLINED", 18_000], [p1, "PROFESSIONAL", "ACCEPTED", 40_000]]);
  await delivery("2031-05-16T09:00:00Z", 180, "CONFIRMED", [[l2, "LIVED", "ACCEPTED", 18_000], [p2, "PROFESSIONAL", "ACCEPTED", 40_000]]);
  // 00:30 on 1 April in UK time (23:30 UTC on 31 March): in the April–June quarter.
  await delivery("2031-03-31T23:30:00Z", 120, "DELIVERED", [[l2, "LIVED", "ACCEPTED", 18_000], [p2, "PROFESSIONAL", "ACCEPTED", 40_000]]);
  // 23:30 on 31 March in UK time (22:30 UTC): in the January–March quarter, so not counted.
  const d8 = await delivery("2031-03-31T22:30:00Z", 30, "DELIVERED", [[l1, "LIVED", "ACCEPTED", 99_999], [p1, "PROFESSIONAL", "ACCEPTED", 40_000]]);
  const l1FirstFee = d1.assignments.find((a) => a.associateId === l1.id)!;
  await db.associatePayment.create({ data: { associateId: l1.id, assignmentId: l1FirstFee.id, amountPence: 36_000, status: "PAID", paidAt: new Date("2031-05-31T12:00:00Z") } });
  return { scenario, director: directorActor(scenario.director.id), l1, l2, d1, d3, d5, d8, otherOrganisation };
}

const NOW = new Date("2031-05-20T12:00:00Z");

describe("impact report", () => {
  it("counts paid lived-experience hours and fees on delivered sessions in the UK-time quarter, spread, co-delivery and people paid", async () => {
    const { director, l1, l2, d5 } = await knownDataSet();
    const result = await getImpactReport({ db, actor: director, input: { period: "quarter" }, now: NOW });
    if (!result.ok) throw new Error(result.message);
    const report = result.data;
    expect(report.range).toMatchObject({ period: "quarter", label: "April to June 2031", start: new Date("2031-03-31T23:00:00Z"), end: new Date("2031-06-30T23:00:00Z") });
    expect(report.lived).toEqual({ paidMinutes: 360 + 210 + 120, paidPence: 108_000, paidOutPence: 36_000, paidSessions: 4, unpaidMinutes: 180, associatesPaid: 2 });
    expect(report.associatesPaidAnyRole).toBe(4);
    expect(report.people.map((p) => [p.name, p.paidPence, p.paidMinutes, p.sessions])).toEqual([
      ["Lina One", 72_000, 360, 2],
      ["Leo Two", 36_000, 330, 2],
      ["Bea Both", 0, 0, 0],
      ["Lee Expenses", 0, 0, 0],
      ["Lou Three", 0, 0, 0],
    ]);
    expect(report.people.find((p) => p.associateId === l1.id)?.paidOutPence).toBe(36_000);
    expect(report.people.find((p) => p.associateId === l2.id)?.paidOutPence).toBe(0);
    // [0, 0, 0, 36 000, 72 000]: Gini = (2·36 000 + 4·72 000) / (5 · 108 000) = 2/3; the top 20% (one person) holds 2/3.
    expect(report.spread.gini).toBeCloseTo(2 / 3, 10);
    expect(report.spread).toMatchObject({ people: 5, peopleWithSome: 2, topFifthCount: 1 });
    expect(report.spread.topFifthShare).toBeCloseTo(2 / 3, 10);
    expect(report.coDelivery.delivered).toBe(6);
    expect(report.coDelivery.coDelivered).toBe(5);
    expect(report.coDelivery.exceptions).toEqual([expect.objectContaining({ deliveryId: d5.id, missing: "No lived-experience associate had accepted." })]);
    expect(await db.auditEvent.count({ where: { actorId: director.userId, action: "report.impact.read" } })).toBe(1);

    const month = await getImpactReport({ db, actor: director, input: { period: "month" }, now: NOW });
    expect(month.ok && month.data.lived).toMatchObject({ paidPence: 72_000, paidMinutes: 360, associatesPaid: 1, unpaidMinutes: 180 });
    expect(month.ok && month.data.coDelivery).toMatchObject({ delivered: 4, coDelivered: 3 });
    // The year includes the session at 23:30 UK time on 31 March.
    const year = await getImpactReport({ db, actor: director, input: { period: "year" }, now: NOW });
    expect(year.ok && year.data.lived.paidPence).toBe(108_000 + 99_999);
  });

  it("refuses a period it doesn't know (writing nothing), and gives anyone but the director not found", async () => {
    const { scenario, director } = await knownDataSet();
    const before = await db.auditEvent.count();
    expect(await getImpactReport({ db, actor: director, input: { period: "fortnight" }, now: NOW })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { period: ["Choose this month, this quarter or this year."] } });
    expect(await db.auditEvent.count()).toBe(before);
    const associate = scenario.associates[0]!;
    const asAssociate: Actor = { userId: associate.user.id, email: associate.user.email, name: null, role: "ASSOCIATE", associateId: associate.id, memberships: [] };
    expect(await getImpactReport({ db, actor: asAssociate, input: {}, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await getImpactReport({ db, actor: scenario.context.actor, input: {}, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await getEvaluationReport({ db, actor: scenario.context.actor, input: {}, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await getAuditLog({ db, actor: asAssociate, input: {} })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.auditEvent.count()).toBe(before);
  });
});

describe("evaluation report", () => {
  it("averages scores by service, pair and client, with the confidence change, its distribution and small-number cautions", async () => {
    const { director, d1, d3, d8, otherOrganisation, scenario } = await knownDataSet();
    const rows = (deliveryId: string, scores: [number, number, number, number, number, string?][]) =>
      scores.map(([overallScore, relevanceScore, facilitationScore, confidenceBefore, confidenceAfter, followUpComment]) => ({ deliveryId, overallScore, relevanceScore, facilitationScore, confidenceBefore, confidenceAfter, followUpComment: followUpComment ?? null }));
    await db.feedback.createMany({
      data: [
        ...rows(d1.id, [[5, 5, 5, 3, 7, "We changed how we write records."], [4, 4, 5, 4, 6], [3, 3, 4, 5, 5]]),
        ...rows(d3.id, [[5, 4, 5, 2, 8], [4, 5, 5, 6, 5]]),
        ...rows(d8.id, [[1, 1, 1, 9, 1]]),
      ],
    });
    const result = await getEvaluationReport({ db, actor: director, input: { period: "quarter" }, now: NOW });
    if (!result.ok) throw new Error(result.message);
    const report = result.data;
    expect(report.totals).toMatchObject({ responses: 5, sessionsWithFeedback: 2, followUpComments: 1, isSmallNumber: false });
    expect(report.totals.overall).toBeCloseTo(4.2, 10);
    expect(report.totals.relevance).toBeCloseTo(4.2, 10);
    expect(report.totals.facilitation).toBeCloseTo(4.8, 10);
    expect(report.totals.confidenceBefore).toBeCloseTo(4, 10);
    expect(report.totals.confidenceAfter).toBeCloseTo(6.2, 10);
    expect(report.totals.confidenceChange).toBeCloseTo(2.2, 10);
    expect(report.overallDistribution).toEqual([1, 2, 3, 4, 5].map((score) => ({ score, responses: [0, 0, 1, 2, 2][score - 1] })));
    expect(report.confidenceChangeDistribution).toEqual([
      { change: -1, responses: 1 },
      { change: 0, responses: 1 },
      { change: 1, responses: 0 },
      { change: 2, responses: 1 },
      { change: 3, responses: 0 },
      { change: 4, responses: 1 },
      { change: 5, responses: 0 },
      { change: 6, responses: 1 },
    ]);
    expect(report.byService).toEqual([expect.objectContaining({ label: scenario.service.name, responses: 5, isSmallNumber: false })]);
    expect(report.byPair.map((g) => [g.label, g.responses, g.isSmallNumber])).toEqual([
      ["Lina One & Pat One", 3, true],
      ["Leo Two & Pip Two", 2, true],
    ]);
    expect(report.byPair[0]!.overall).toBeCloseTo(4, 10);
    expect(report.byPair[1]!.confidenceChange).toBeCloseTo(2.5, 10);
    expect(report.byClient.map((g) => [g.label, g.responses])).toEqual([
      [scenario.organisation.name, 3],
      [otherOrganisation.name, 2],
    ]);

    const month = await getEvaluationReport({ db, actor: director, input: { period: "month" }, now: NOW });
    expect(month.ok && month.data.totals).toMatchObject({ responses: 3, isSmallNumber: true });
  });

  it("with no feedback, says so with empty averages rather than zeros", async () => {
    const { director } = await knownDataSet();
    const result = await getEvaluationReport({ db, actor: director, input: { period: "month" }, now: new Date("2040-01-15T12:00:00Z") });
    expect(result.ok && result.data.totals).toMatchObject({ responses: 0, overall: null, confidenceChange: null, isSmallNumber: true });
    expect(result.ok && result.data.confidenceChangeDistribution).toEqual([{ change: 0, responses: 0 }]);
  });
});

describe("audit log", () => {
  /** Events in June of `year`: each test uses its own year, so their events never mix. */
  async function auditScenario(year: number) {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED", name: "Story Teller" }] });
    const director = directorActor(scenario.director.id);
    const associate = scenario.associates[0]!;
    const base = new Date(`${year}-06-10T12:00:00Z`).getTime();
    // 30 invoice events by the director, one a minute from 12:00 UTC on 10 June 2035 …
    await db.auditEvent.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ actorId: director.userId, action: i % 2 ? "invoice.read" : "invoice.issue", subject: "Invoice", subjectId: `inv-${i}`, data: { number: i, totalPence: 144_000 }, at: new Date(base + i * 60_000) })),
    });
    // … two story changes by the associate on 12 June, one automatic job on 14 June, and a same-instant pair.
    await db.auditEvent.createMany({
      data: [
        { actorId: associate.user.id, action: "associate.story.update", subject: "LivedExperienceStory", subjectId: "story-1", data: { length: 120, story: "I was moved nine times in one year" }, at: new Date(`${year}-06-12T09:00:00Z`) },
        { actorId: associate.user.id, action: "compliance.decline", subject: "ComplianceRecord", subjectId: "rec-1", data: { kind: "DBS_ENHANCED", note: "The certificate number has a typo" }, at: new Date(`${year}-06-12T09:05:00Z`) },
        { actorId: null, action: "invoice.overdue.chase", subject: "Invoice", subjectId: "inv-0", data: { to: "accounts@client.example", from: "2035-06-01T09:30:00.000Z", outstandingPence: 500 }, at: new Date(`${year}-06-14T06:00:00Z`) },
      ],
    });
    return { scenario, director, associate };
  }

  it("pages newest first with a cursor, without repeats or gaps, and records that the log was read", async () => {
    const { director } = await auditScenario(2035);
    const range = { from: "2035-06-01", to: "2035-06-30" };
    const first = await getAuditLog({ db, actor: director, input: range });
    if (!first.ok) throw new Error(first.message);
    expect(first.data.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.data.entries.slice(0, 3).map((e) => e.subjectId)).toEqual(["inv-0", "rec-1", "story-1"]);
    expect(first.data.entries[0]).toMatchObject({ actorName: "The system", actionLabel: "Invoice overdue chase", href: "/director/invoices/inv-0" });
    expect(first.data.nextCursor).not.toBeNull();
    const second = await getAuditLog({ db, actor: director, input: { ...range, cursor: first.data.nextCursor } });
    if (!second.ok) throw new Error(second.message);
    expect(second.data.entries).toHaveLength(33 - AUDIT_PAGE_SIZE);
    expect(second.data.nextCursor).toBeNull();
    const all = [...first.data.entries, ...second.data.entries];
    expect(new Set(all.map((e) => e.id)).size).toBe(33);
    const times = all.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.at(-1)?.subjectId).toBe("inv-0");
    expect(await db.auditEvent.count({ where: { actorId: director.userId, action: "audit.read" } })).toBe(2);
  });

  it("filters by person, kind of record, action and UK date range, and never shows sensitive content", async () => {
    const { director, associate } = await auditScenario(2036);
    const byAssociate = await getAuditLog({ db, actor: director, input: { unverifiedActorId: associate.user.id } });
    if (!byAssociate.ok) throw new Error(byAssociate.message);
    expect(byAssociate.data.entries.map((e) => e.action)).toEqual(["compliance.decline", "associate.story.update"]);
    const story = byAssociate.data.entries[1]!;
    expect(story).toMatchObject({ actionLabel: "Changed their lived-experience story", subjectLabel: "Lived-experience story", href: null });
    expect(story.summary).toBe("length: 120 · also recorded: the story text");
    expect(byAssociate.data.entries[0]!.summary).toBe("kind: DBS_ENHANCED · also recorded: a note");
    expect(JSON.stringify(byAssociate.data.entries)).not.toMatch(/nine times|typo/);
    expect(byAssociate.data.options.actors).toEqual(expect.arrayContaining([{ value: associate.user.id, label: "Story Teller (associate)" }, { value: SYSTEM_ACTOR, label: "The system (automatic jobs)" }]));

    const system = await getAuditLog({ db, actor: director, input: { unverifiedActorId: SYSTEM_ACTOR, from: "2036-01-01" } });
    expect(system.ok && system.data.entries.map((e) => e.action)).toEqual(["invoice.overdue.chase"]);
    // An email address is never shown, even under a key that is usually safe; timestamps read as UK time.
    expect(system.ok && system.data.entries[0]!.summary).toBe("from: Fri, 1 Jun 2035, 10:30 · also recorded: to, outstanding")
    const stories = await getAuditLog({ db, actor: director, input: { subject: "LivedExperienceStory", from: "2036-01-01", to: "2036-12-31" } });
    expect(stories.ok && stories.data.entries.map((e) => e.subjectId)).toEqual(["story-1"]);
    const issued = await getAuditLog({ db, actor: director, input: { action: "invoice.issue", from: "2036-06-10", to: "2036-06-10" } });
    expect(issued.ok && issued.data.entries).toHaveLength(15);
    expect(issued.ok && issued.data.entries[0]!.summary).toBe("number: 28 · total: £1,440.00");
    // 12 June in UK time is 11 June 23:00 UTC to 12 June 23:00 UTC.
    const day = await getAuditLog({ db, actor: director, input: { from: "2036-06-12", to: "2036-06-12" } });
    expect(day.ok && day.data.entries.map((e) => e.subjectId)).toEqual(["rec-1", "story-1"]);
    const nothing = await getAuditLog({ db, actor: director, input: { from: "2036-06-13", to: "2036-06-13" } });
    expect(nothing.ok && nothing.data).toMatchObject({ entries: [], nextCursor: null });
  });

  it("refuses bad dates, a backwards range and an unknown page with plain-English messages, writing nothing", async () => {
    const { director } = await auditScenario(2037);
    const before = await db.auditEvent.count();
    expect(await getAuditLog({ db, actor: director, input: { from: "12/06/2035" } })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { from: ["Enter a date like 2026-11-23."] } });
    expect(await getAuditLog({ db, actor: director, input: { from: "2035-02-30" } })).toMatchObject({ ok: false, fieldErrors: { from: ["Enter a date like 2026-11-23."] } });
    expect(await getAuditLog({ db, actor: director, input: { from: "2035-06-12", to: "2035-06-01" } })).toMatchObject({ ok: false, fieldErrors: { to: ["The end date must be on or after the start date."] } });
    expect(await getAuditLog({ db, actor: director, input: { cursor: "not-an-event" } })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { cursor: ["Start again from the newest."] } });
    expect(await db.auditEvent.count()).toBe(before);
  });
});

describe("report periods in UK time", () => {
  it.each([
    // October 2026 starts in summer time (BST) and ends after the clocks go back on Sunday 25 October.
    { period: "month" as const, now: "2026-10-25T01:30:00Z", start: "2026-09-30T23:00:00Z", end: "2026-11-01T00:00:00Z", label: "October 2026" },
    // 00:30 on 1 April UK time is still 31 March in UTC: it is already the April–June quarter.
    { period: "quarter" as const, now: "2031-03-31T23:30:00Z", start: "2031-03-31T23:00:00Z", end: "2031-06-30T23:00:00Z", label: "April to June 2031" },
    { period: "quarter" as const, now: "2031-03-31T22:59:59Z", start: "2031-01-01T00:00:00Z", end: "2031-03-31T23:00:00Z", label: "January to March 2031" },
    { period: "year" as const, now: "2026-12-31T23:59:59Z", start: "2026-01-01T00:00:00Z", end: "2027-01-01T00:00:00Z", label: "2026" },
  ])("$period containing $now runs from $start to $end ($label)", ({ period, now, start, end, label }) => {
    expect(getPeriodRange(period, new Date(now))).toEqual({ period, start: new Date(start), end: new Date(end), label });
  });
});
