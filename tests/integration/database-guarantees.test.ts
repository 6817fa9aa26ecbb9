import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";

/**
 * The guarantees the database itself enforces (prisma/migrations/*_database_guarantees), tested by
 * writing around the application: even a buggy use case cannot double-book or confirm without a pair.
 */
const db = createPrismaClient(process.env.DATABASE_URL, { max: 4 });

const at = (iso: string) => new Date(iso);

async function makeWorld() {
  const director = await db.user.create({ data: { email: "director@test.example", platformRole: "DIRECTOR" } });
  const org = await db.organisation.create({ data: { slug: "org", name: "Org" } });
  const service = await db.service.create({
    data: {
      slug: "training",
      name: "Training",
      category: "TRAINING",
      summary: "s",
      description: "d",
      durationMinutes: 180,
      deliveryModes: ["ONLINE"],
      capacity: 20,
      pricePence: 100_000,
    },
  });
  const makeAssociate = async (email: string, expertise: "LIVED" | "PROFESSIONAL" | "BOTH") =>
    db.associate.create({ data: { expertise, user: { create: { email, platformRole: "ASSOCIATE" } } } });
  const lived = await makeAssociate("lived@test.example", "LIVED");
  const professional = await makeAssociate("pro@test.example", "PROFESSIONAL");
  const engagement = await db.engagement.create({
    data: {
      reference: "GT-T-1",
      organisationId: org.id,
      serviceId: service.id,
      requestedById: director.id,
      unitPricePenceSnapshot: 100_000,
      vatRateBasisPointsSnapshot: 2000,
    },
  });
  const makeDelivery = (startsAt: string, endsAt: string) =>
    db.delivery.create({ data: { engagementId: engagement.id, startsAt: at(startsAt), endsAt: at(endsAt), mode: "ONLINE" } });
  return { org, service, lived, professional, engagement, makeDelivery };
}

type World = Awaited<ReturnType<typeof makeWorld>>;
let world: World;

beforeAll(async () => {
  world = await makeWorld();
});
afterAll(async () => {
  await db.$disconnect();
});

function assign(deliveryId: string, associateId: string, role: "LIVED" | "PROFESSIONAL", from: string, until: string, status: "HELD" | "OFFERED" | "ACCEPTED" | "DECLINED" = "OFFERED") {
  return db.assignment.create({ data: { deliveryId, associateId, role, status, blockedFrom: at(from), blockedUntil: at(until) } });
}

describe("no double booking (exclusion constraint)", () => {
  it("rejects a second active assignment that overlaps the first for the same associate", async () => {
    const first = await world.makeDelivery("2026-12-01T09:00:00Z", "2026-12-01T12:00:00Z");
    const second = await world.makeDelivery("2026-12-01T11:00:00Z", "2026-12-01T14:00:00Z");
    await assign(first.id, world.lived.id, "LIVED", "2026-12-01T09:00:00Z", "2026-12-01T12:00:00Z");
    await expect(assign(second.id, world.lived.id, "LIVED", "2026-12-01T11:00:00Z", "2026-12-01T14:00:00Z")).rejects.toThrow(
      /Assignment_no_double_booking|exclusion|conflicting key/i,
    );
  });

  it("allows back-to-back assignments: ranges are half-open, so 12:00 end and 12:00 start do not overlap", async () => {
    const a = await world.makeDelivery("2026-12-02T09:00:00Z", "2026-12-02T12:00:00Z");
    const b = await world.makeDelivery("2026-12-02T12:00:00Z", "2026-12-02T15:00:00Z");
    await assign(a.id, world.professional.id, "PROFESSIONAL", "2026-12-02T09:00:00Z", "2026-12-02T12:00:00Z");
    await expect(assign(b.id, world.professional.id, "PROFESSIONAL", "2026-12-02T12:00:00Z", "2026-12-02T15:00:00Z")).resolves.toBeTruthy();
  });

  it("ignores inactive assignments: a declined offer does not block the time", async () => {
    const a = await world.makeDelivery("2026-12-03T09:00:00Z", "2026-12-03T12:00:00Z");
    const b = await world.makeDelivery("2026-12-03T10:00:00Z", "2026-12-03T13:00:00Z");
    await assign(a.id, world.lived.id, "LIVED", "2026-12-03T09:00:00Z", "2026-12-03T12:00:00Z", "DECLINED");
    await expect(assign(b.id, world.lived.id, "LIVED", "2026-12-03T10:00:00Z", "2026-12-03T13:00:00Z")).resolves.toBeTruthy();
  });

  it("rejects reactivating a declined assignment into an overlap", async () => {
    const a = await world.makeDelivery("2026-12-04T09:00:00Z", "2026-12-04T12:00:00Z");
    const b = await world.makeDelivery("2026-12-04T10:00:00Z", "2026-12-04T13:00:00Z");
    const declined = await assign(a.id, world.professional.id, "PROFESSIONAL", "2026-12-04T09:00:00Z", "2026-12-04T12:00:00Z", "DECLINED");
    await assign(b.id, world.professional.id, "PROFESSIONAL", "2026-12-04T10:00:00Z", "2026-12-04T13:00:00Z");
    await expect(db.assignment.update({ where: { id: declined.id }, data: { status: "OFFERED" } })).rejects.toThrow();
  });

  it("under concurrency exactly one of 20 simultaneous overlapping inserts wins", async () => {
    const deliveries = await Promise.all(
      Array.from({ length: 20 }, (_, i) => world.makeDelivery(`2026-12-05T09:${String(i).padStart(2, "0")}:00Z`, "2026-12-05T12:00:00Z")),
    );
    const results = await Promise.allSettled(
      deliveries.map((d) => assign(d.id, world.lived.id, "LIVED", d.startsAt.toISOString(), "2026-12-05T12:00:00Z")),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("moves blocked ranges when a delivery is rescheduled, so a reschedule cannot create an overlap", async () => {
    const a = await world.makeDelivery("2026-12-06T09:00:00Z", "2026-12-06T12:00:00Z");
    const b = await world.makeDelivery("2026-12-06T13:00:00Z", "2026-12-06T16:00:00Z");
    await assign(a.id, world.lived.id, "LIVED", "2026-12-06T09:00:00Z", "2026-12-06T12:00:00Z");
    await assign(b.id, world.lived.id, "LIVED", "2026-12-06T13:00:00Z", "2026-12-06T16:00:00Z");
    await expect(
      db.delivery.update({ where: { id: b.id }, data: { startsAt: at("2026-12-06T11:00:00Z"), endsAt: at("2026-12-06T14:00:00Z") } }),
    ).rejects.toThrow();
  });
});

describe("co-facilitation (deferred constraint trigger)", () => {
  it("refuses to mark a delivery CONFIRMED with only the lived associate accepted", async () => {
    const d = await world.makeDelivery("2026-12-10T09:00:00Z", "2026-12-10T12:00:00Z");
    await assign(d.id, world.lived.id, "LIVED", "2026-12-10T09:00:00Z", "2026-12-10T12:00:00Z", "ACCEPTED");
    await expect(db.delivery.update({ where: { id: d.id }, data: { status: "CONFIRMED" } })).rejects.toThrow(/co-facilitating pair/);
  });

  it("allows CONFIRMED once both roles are accepted, and refuses a withdrawal that leaves it CONFIRMED", async () => {
    const d = await world.makeDelivery("2026-12-11T09:00:00Z", "2026-12-11T12:00:00Z");
    const lived = await assign(d.id, world.lived.id, "LIVED", "2026-12-11T09:00:00Z", "2026-12-11T12:00:00Z", "ACCEPTED");
    await assign(d.id, world.professional.id, "PROFESSIONAL", "2026-12-11T09:00:00Z", "2026-12-11T12:00:00Z", "ACCEPTED");
    await expect(db.delivery.update({ where: { id: d.id }, data: { status: "CONFIRMED" } })).resolves.toBeTruthy();
    await expect(db.assignment.update({ where: { id: lived.id }, data: { status: "WITHDRAWN" } })).rejects.toThrow(/co-facilitating pair/);
    // The same withdrawal succeeds when the delivery goes back to NEEDS_PAIRING in the same transaction.
    await expect(
      db.$transaction([
        db.assignment.update({ where: { id: lived.id }, data: { status: "WITHDRAWN" } }),
        db.delivery.update({ where: { id: d.id }, data: { status: "NEEDS_PAIRING" } }),
      ]),
    ).resolves.toHaveLength(2);
  });

  it("refuses one person holding both roles in one delivery", async () => {
    const both = await db.associate.create({ data: { expertise: "BOTH", user: { create: { email: "both@test.example", platformRole: "ASSOCIATE" } } } });
    const d = await world.makeDelivery("2026-12-12T09:00:00Z", "2026-12-12T12:00:00Z");
    await assign(d.id, both.id, "LIVED", "2026-12-12T09:00:00Z", "2026-12-12T12:00:00Z");
    await expect(assign(d.id, both.id, "PROFESSIONAL", "2026-12-12T09:00:00Z", "2026-12-12T12:00:00Z")).rejects.toThrow();
  });
});

describe("money", () => {
  it("an issued invoice cannot be changed, its lines cannot be added, and numbers are unique", async () => {
    const invoice = await db.invoice.create({ data: { organisationId: world.org.id } });
    await db.invoiceLine.create({ data: { invoiceId: invoice.id, description: "Training", unitPricePence: 100_000, netPence: 100_000, vatPence: 20_000 } });
    await db.invoice.update({
      where: { id: invoice.id },
      data: { status: "ISSUED", number: 1, issuedOn: at("2026-11-01"), dueOn: at("2026-12-01"), subtotalPence: 100_000, vatPence: 20_000, totalPence: 120_000 },
    });
    await expect(db.invoice.update({ where: { id: invoice.id }, data: { totalPence: 1, subtotalPence: 1, vatPence: 0 } })).rejects.toThrow(/cannot be changed/);
    await expect(
      db.invoiceLine.create({ data: { invoiceId: invoice.id, description: "Extra", unitPricePence: 1, netPence: 1, vatPence: 0, vatRateBasisPoints: 2000 } }),
    ).rejects.toThrow(/issued invoice/);
    await expect(db.invoice.update({ where: { id: invoice.id }, data: { status: "PAID", paidAt: new Date() } })).resolves.toBeTruthy();
    const other = await db.invoice.create({ data: { organisationId: world.org.id } });
    await expect(
      db.invoice.update({ where: { id: other.id }, data: { status: "ISSUED", number: 1, issuedOn: at("2026-11-01"), dueOn: at("2026-12-01") } }),
    ).rejects.toThrow();
  });

  it("a zero-rated invoice line must say why", async () => {
    const invoice = await db.invoice.create({ data: { organisationId: world.org.id } });
    await expect(
      db.invoiceLine.create({ data: { invoiceId: invoice.id, description: "Exempt", unitPricePence: 100, netPence: 100, vatPence: 0, vatRateBasisPoints: 0 } }),
    ).rejects.toThrow(/InvoiceLine_exemption_has_reason|check constraint/i);
  });

  it("a service must need at least one lived and one professional associate", async () => {
    await expect(
      db.service.create({
        data: { slug: "solo", name: "Solo", category: "MENTORING", summary: "s", description: "d", durationMinutes: 60, deliveryModes: ["ONLINE"], capacity: 1, pricePence: 1, livedRequired: 0 },
      }),
    ).rejects.toThrow(/Service_co_facilitated|check constraint/i);
  });
});
