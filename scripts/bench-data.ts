/** Generated benchmark data (scripts/bench.ts): associates with rules, overrides and bookings over 90 days. */
import type { Db } from "../lib/db/create-client";

export const DAY = 86_400_000;
export const BENCH_NOW = new Date("2026-11-30T09:00:00Z");
export const BENCH_RANGE = { start: Date.parse("2026-12-01T00:00:00Z"), end: Date.parse("2026-12-01T00:00:00Z") + 90 * DAY };
const RANGE = BENCH_RANGE;

function createRandom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export async function seedBench(db: Db, size: number) {
  const random = createRandom(size);
  await db.$executeRawUnsafe(`TRUNCATE "User", "Organisation", "Service", "PolicySetting" CASCADE`);
  const director = await db.user.create({ data: { email: "director@bench.example", platformRole: "DIRECTOR" } });
  const service = await db.service.create({
    data: { slug: "training", name: "Training", category: "TRAINING", summary: "s", description: "d", durationMinutes: 180, deliveryModes: ["ONLINE"], capacity: 20, pricePence: 120_000, bookableOnline: true },
  });
  const organisation = await db.organisation.create({ data: { slug: "bench", name: "Bench Council" } });
  const booker = await db.user.create({ data: { email: "booker@bench.example", platformRole: "CLIENT" } });
  await db.membership.create({ data: { userId: booker.id, organisationId: organisation.id, role: "BOOKER" } });
  const engagement = await db.engagement.create({
    data: { reference: "GT-BENCH-0", organisationId: organisation.id, serviceId: service.id, requestedById: booker.id, status: "CONFIRMED", unitPricePenceSnapshot: 1, vatRateBasisPointsSnapshot: 2000 },
  });
  const users = Array.from({ length: size }, (_, i) => ({ id: `u${i}`, email: `a${i}@bench.example`, platformRole: "ASSOCIATE" as const, name: `Associate ${i}` }));
  await db.user.createMany({ data: users });
  await db.associate.createMany({
    data: users.map((u, i) => ({ id: `a${i}`, userId: u.id, expertise: i % 2 === 0 ? ("LIVED" as const) : ("PROFESSIONAL" as const), feePerHalfDayPence: 15_000 + (i % 10) * 1_000 })),
  });
  const ids = users.map((_, i) => `a${i}`);
  await db.consent.createMany({ data: ids.map((associateId) => ({ associateId, purpose: "MATCHING" as const })) });
  await db.qualification.createMany({ data: ids.map((associateId) => ({ associateId, serviceId: service.id, status: "APPROVED" as const, approvedById: director.id })) });
  const verified = { verifiedById: director.id, verifiedAt: new Date() };
  await db.complianceRecord.createMany({
    data: ids.flatMap((associateId) => [
      { associateId, kind: "INSURANCE" as const, reference: "i", checkedOn: new Date("2026-01-01"), expiresOn: new Date("2028-01-01"), ...verified },
      { associateId, kind: "SAFEGUARDING_TRAINING" as const, reference: "s", checkedOn: new Date("2026-01-01"), expiresOn: new Date("2029-01-01"), ...verified },
    ]),
  });
  const rules = [];
  const overrides = [];
  const deliveries = [];
  const assignments = [];
  for (const associateId of ids) {
    for (let weekday = 1; weekday <= 7; weekday++) {
      if (random() < 0.25) continue;
      const start = 7 * 60 + Math.floor(random() * 6) * 30;
      rules.push({ associateId, weekday, startMinute: start, endMinute: Math.min(1440, start + 360 + Math.floor(random() * 8) * 30) });
    }
    const overrideDays = new Set<number>();
    while (overrideDays.size < 20) overrideDays.add(Math.floor(random() * 90));
    for (const day of overrideDays) {
      const start = 8 * 60 + Math.floor(random() * 4) * 60;
      overrides.push({ associateId, date: new Date(RANGE.start + day * DAY), startMinute: start, endMinute: start + (random() < 0.2 ? 0 : 240) });
    }
    const busyDays = new Set<number>();
    while (busyDays.size < 40) busyDays.add(Math.floor(random() * 90));
    for (const day of busyDays) {
      const startsAt = RANGE.start + day * DAY + (random() < 0.5 ? 9 : 14) * 3_600_000;
      const id = `${associateId}-d${day}`;
      deliveries.push({ id, engagementId: engagement.id, startsAt: new Date(startsAt), endsAt: new Date(startsAt + 3 * 3_600_000), mode: "ONLINE" as const, status: "AWAITING_ACCEPTANCE" as const });
      assignments.push({
        deliveryId: id,
        associateId,
        role: associateId.endsWith("0") || Number(associateId.slice(1)) % 2 === 0 ? ("LIVED" as const) : ("PROFESSIONAL" as const),
        status: "ACCEPTED" as const,
        feePence: 20_000,
        bufferMinutes: 30,
        blockedFrom: new Date(startsAt - 30 * 60_000),
        blockedUntil: new Date(startsAt + 3 * 3_600_000 + 30 * 60_000),
      });
    }
  }
  const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 5000) await insert(rows.slice(i, i + 5000));
  };
  await chunk(rules, (part) => db.availabilityRule.createMany({ data: part }));
  await chunk(overrides, (part) => db.availabilityOverride.createMany({ data: part }));
  await chunk(deliveries, (part) => db.delivery.createMany({ data: part }));
  await chunk(assignments, (part) => db.assignment.createMany({ data: part }));
  await db.$executeRawUnsafe("ANALYZE");
  return {
    service,
    context: {
      actor: { userId: booker.id, email: booker.email, name: null, role: "CLIENT" as const, associateId: null, memberships: [{ organisationId: organisation.id, slug: "bench", name: "Bench Council", role: "BOOKER" as const }] },
      organisation: { id: organisation.id, slug: "bench", name: "Bench Council" },
      role: "BOOKER" as const,
    },
  };
}

