import { afterAll, describe, expect, it } from "vitest";
import type { DirectorActor } from "@/lib/auth/guards";
import { createPrismaClient } from "@/lib/db/create-client";
import type { EngagementStatus } from "@/lib/db/generated/prisma/enums";
import { getPipelineAlerts, listPipeline, monthRange, subtractWorkingDays } from "@/lib/server/director/pipeline";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());

// Tuesday 17 November 2026, 09:00 UTC (= London).
const NOW = new Date("2026-11-17T09:00:00Z");
const HOUR = 3_600_000;

type Scenario = Awaited<ReturnType<typeof createScenario>>;

function directorOf(scenario: Scenario): DirectorActor {
  return { userId: scenario.director.id, email: scenario.director.email, name: "Dee", role: "DIRECTOR", associateId: null, memberships: [] };
}

async function engagement(scenario: Scenario, status: EngagementStatus, { createdAt = NOW, sessions = [] as { startsAt: string; status?: "NEEDS_PAIRING" | "AWAITING_ACCEPTANCE" | "CONFIRMED"; pair?: [string, string] }[] } = {}) {
  const created = await db.engagement.create({
    data: {
      reference: `GT-${Math.random().toString(36).slice(2, 9)}`,
      organisationId: scenario.organisation.id,
      serviceId: scenario.service.id,
      requestedById: scenario.booker.id,
      status,
      createdAt,
      unitPricePenceSnapshot: 120_000,
      vatRateBasisPointsSnapshot: 2000,
    },
  });
  const deliveries = [];
  for (const session of sessions) {
    const start = new Date(session.startsAt);
    // The database refuses a CONFIRMED delivery without its accepted pair: add the pair first.
    let delivery = await db.delivery.create({
      data: { engagementId: created.id, startsAt: start, endsAt: new Date(start.getTime() + 3 * HOUR), mode: "ONLINE", status: session.pair ? "AWAITING_ACCEPTANCE" : (session.status ?? "NEEDS_PAIRING") },
    });
    if (session.pair) {
      await assign(delivery.id, session.pair[0], "LIVED", "ACCEPTED");
      await assign(delivery.id, session.pair[1], "PROFESSIONAL", "ACCEPTED");
      delivery = await db.delivery.update({ where: { id: delivery.id }, data: { status: session.status ?? "CONFIRMED" } });
    }
    deliveries.push(delivery);
  }
  return { ...created, deliveries };
}

async function assign(deliveryId: string, associateId: string, role: "LIVED" | "PROFESSIONAL", status: "OFFERED" | "ACCEPTED", expiresAt?: Date) {
  const delivery = await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } });
  return db.assignment.create({
    data: { deliveryId, associateId, role, status, feePence: 20_000, blockedFrom: delivery.startsAt, blockedUntil: delivery.endsAt, offeredAt: NOW, expiresAt: expiresAt ?? null },
  });
}

describe("working days and months", () => {
  it("counts back Monday to Friday only, in UK time; a month is its UK calendar month", () => {
    // Tuesday 09:00 less two working days is Friday 09:00 (the weekend is skipped).
    expect(subtractWorkingDays(NOW, 2).toISOString()).toBe("2026-11-13T09:00:00.000Z");
    // Monday less one working day is the Friday before.
    expect(subtractWorkingDays(new Date("2026-11-16T12:00:00Z"), 1).toISOString()).toBe("2026-11-13T12:00:00.000Z");
    // Across the clocks going back (Sunday 25 October 2026): the same wall-clock time.
    expect(subtractWorkingDays(new Date("2026-10-26T09:00:00Z"), 1).toISOString()).toBe("2026-10-23T08:00:00.000Z");
    // July in London starts at 23:00 UTC on 30 June (BST).
    expect(monthRange("2026-07")).toEqual({ start: new Date("2026-06-30T23:00:00Z"), end: new Date("2026-07-31T23:00:00Z") });
  });
});

describe("the pipeline", () => {
  it("counts every stage, lists one when chosen, and filters by client, service, associate and month", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED", name: "Lena" }, { expertise: "PROFESSIONAL", name: "Pat" }, { expertise: "LIVED", name: "Lou" }] });
    const [lena, pat, lou] = scenario.associates;
    const director = directorOf(scenario);
    const client = scenario.organisation.id;
    const requested = await engagement(scenario, "REQUESTED", { createdAt: new Date("2026-11-10T10:00:00Z") });
    const waiting = await engagement(scenario, "AWAITING_FACILITATORS", { sessions: [{ startsAt: "2026-12-01T10:00:00Z" }, { startsAt: "2026-12-08T10:00:00Z" }] });
    const confirmed = await engagement(scenario, "CONFIRMED", { sessions: [{ startsAt: "2027-01-12T10:00:00Z", status: "CONFIRMED", pair: [lou!.id, pat!.id] }] });
    const cancelled = await engagement(scenario, "CANCELLED");
    await assign(waiting.deliveries[0]!.id, lena!.id, "LIVED", "ACCEPTED");

    const all = await listPipeline({ db, actor: director, input: { client } });
    expect(all.ok).toBe(true);
    if (!all.ok) return;
    expect(all.data.total).toBe(4);
    expect(all.data.counts).toMatchObject({ REQUESTED: 1, QUOTED: 0, AWAITING_FACILITATORS: 1, CONFIRMED: 1, DELIVERED: 0, CANCELLED: 1 });
    const row = all.data.rows.find((r) => r.id === waiting.id)!;
    expect(row.deliveries.map((d) => [d.id, d.needsPairing])).toEqual([
      [waiting.deliveries[0]!.id, true],
      [waiting.deliveries[1]!.id, true],
    ]);
    expect(all.data.options.clients.some((c) => c.id === client)).toBe(true);

    const only = async (input: Record<string, string>) => {
      const result = await listPipeline({ db, actor: director, input: { client, ...input } });
      if (!result.ok) throw new Error(result.message);
      return result.data.rows.map((r) => r.id);
    };
    expect(await only({ status: "CONFIRMED" })).toEqual([confirmed.id]);
    // A month is a session in it, or — for a request with no sessions — when it was asked for.
    expect(await only({ month: "2026-12" })).toEqual([waiting.id]);
    expect((await only({ month: "2026-11" })).sort()).toEqual([requested.id, cancelled.id].sort());
    expect(await only({ month: "2027-01" })).toEqual([confirmed.id]);
    expect(await only({ associate: lena!.id })).toEqual([waiting.id]);
    expect(await only({ associate: pat!.id, status: "AWAITING_FACILITATORS" })).toEqual([]);
    const other = await createScenario(db, { associates: [] });
    expect(await only({ service: other.service.id })).toEqual([]);
    // The month filter still counts every stage, so the tabs show where that month's work stands.
    const december = await listPipeline({ db, actor: director, input: { client, month: "2026-12", status: "CONFIRMED" } });
    expect(december.ok && december.data.counts.AWAITING_FACILITATORS).toBe(1);
    expect(december.ok && december.data.rows).toEqual([]);
  });

  it("refuses bad filters in plain English, pages sensibly, and is not found for anyone but the director", async () => {
    const scenario = await createScenario(db, { associates: [] });
    const director = directorOf(scenario);
    expect(await listPipeline({ db, actor: director, input: { month: "2026-13", status: "SOMETHING", page: "0" } })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { month: ["Choose a month, like 2026-12."], status: expect.any(Array), page: ["Choose a page number."] },
    });
    for (let i = 0; i < 27; i++) await engagement(scenario, "REQUESTED");
    const second = await listPipeline({ db, actor: director, input: { client: scenario.organisation.id, page: "2" } });
    expect(second.ok && [second.data.page, second.data.pageCount, second.data.rows.length]).toEqual([2, 2, 2]);
    // A page past the end shows the last page rather than nothing.
    const beyond = await listPipeline({ db, actor: director, input: { client: scenario.organisation.id, page: "9" } });
    expect(beyond.ok && beyond.data.page).toBe(2);
    const asClient = scenario.context.actor as unknown as DirectorActor;
    expect(await listPipeline({ db, actor: asClient, input: {} })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await getPipelineAlerts({ db, actor: asClient, now: NOW })).toBeNull();
  });
});

describe("the alerts panel", () => {
  it("flags sessions without a pair, offers ending within 12 hours, checks that won't cover a booked session, waiting requests and open alerts", async () => {
    const scenario = await createScenario(db, {
      associates: [
        { expertise: "LIVED", name: "Lena" },
        { expertise: "PROFESSIONAL", name: "Pat" },
        // Insurance ends on 30 November: it won't cover a session on 1 December.
        { expertise: "PROFESSIONAL", name: "Ines", insuranceExpiresOn: "2026-11-30" },
      ],
    });
    const [lena, pat, ines] = scenario.associates;
    const director = directorOf(scenario);
    const unpaired = await engagement(scenario, "AWAITING_FACILITATORS", { sessions: [{ startsAt: "2026-12-01T10:00:00Z" }] });
    const offered = await engagement(scenario, "AWAITING_FACILITATORS", { sessions: [{ startsAt: "2026-12-02T10:00:00Z", status: "AWAITING_ACCEPTANCE" }] });
    const soon = await assign(offered.deliveries[0]!.id, lena!.id, "LIVED", "OFFERED", new Date(NOW.getTime() + 11 * HOUR));
    const later = await assign(offered.deliveries[0]!.id, pat!.id, "PROFESSIONAL", "OFFERED", new Date(NOW.getTime() + 13 * HOUR));
    const lapsing = await engagement(scenario, "CONFIRMED", { sessions: [{ startsAt: "2026-12-01T10:00:00Z", status: "CONFIRMED", pair: [lena!.id, ines!.id] }] });
    const oldRequest = await engagement(scenario, "REQUESTED", { createdAt: new Date("2026-11-12T10:00:00Z") });
    const newRequest = await engagement(scenario, "REQUESTED", { createdAt: new Date("2026-11-16T10:00:00Z") });
    const alert = await db.alert.create({ data: { kind: "PAIRING_BROKEN", deliveryId: unpaired.deliveries[0]!.id, message: "An associate withdrew." } });

    const alerts = (await getPipelineAlerts({ db, actor: director, now: NOW }))!;
    expect(alerts.needsPairing.map((d) => d.deliveryId)).toContain(unpaired.deliveries[0]!.id);
    expect(alerts.needsPairing.map((d) => d.deliveryId)).not.toContain(offered.deliveries[0]!.id);
    const offerIds = alerts.expiringOffers.map((o) => o.assignmentId);
    expect(offerIds).toContain(soon.id);
    expect(offerIds).not.toContain(later.id);
    const flagged = alerts.complianceLapsing.find((c) => c.associateId === ines!.id)!;
    expect(flagged).toMatchObject({ deliveryId: lapsing.deliveries[0]!.id, associateName: "Ines" });
    expect(flagged.reasons.join(" ")).toMatch(/insurance/i);
    expect(alerts.complianceLapsing.some((c) => c.associateId === lena!.id || c.associateId === pat!.id)).toBe(false);
    const requests = alerts.waitingRequests.map((r) => r.reference);
    expect(requests).toContain(oldRequest.reference);
    expect(requests).not.toContain(newRequest.reference);
    expect(alerts.openAlerts.map((a) => a.id)).toContain(alert.id);
    expect(alerts.total).toBeGreaterThanOrEqual(5);
  });
});
