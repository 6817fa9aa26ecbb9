import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db/create-client";
import { getCatalogueService, listCatalogue, updateService } from "@/lib/server/director/catalogue";
import { getClient, listClients, updateClientBilling } from "@/lib/server/director/clients";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());

async function setUp() {
  const scenario = await createScenario(db, { associates: [] });
  const director: Actor = { userId: scenario.director.id, email: scenario.director.email, name: "Jade", role: "DIRECTOR", associateId: null, memberships: [] };
  return { scenario, director };
}

const goodService = (id: string, overrides: Record<string, unknown> = {}) => ({
  unverifiedServiceId: id,
  name: "Trauma-informed practice",
  summary: "A day on trauma-informed care, co-delivered.",
  description: "A full description of the training that is long enough.",
  pricePence: "1,350.50",
  vatRateBasisPoints: "2000",
  capacity: "18",
  durationMinutes: "180",
  deliveryModes: ["ONLINE"],
  bookableOnline: "on",
  livedRequired: "1",
  professionalRequired: "2",
  childFacing: "",
  requiresSocialWorkRegistration: "on",
  active: "on",
  sortOrder: "3",
  ...overrides,
});

describe("catalogue editor", () => {
  it("saves a service (pounds to exact pence) and audits the change; existing engagements keep their price", async () => {
    const { scenario, director } = await setUp();
    const engagement = await db.engagement.create({ data: { reference: `GT-C-${Date.now()}`, organisationId: scenario.organisation.id, serviceId: scenario.service.id, requestedById: scenario.booker.id, unitPricePenceSnapshot: 120_000, vatRateBasisPointsSnapshot: 2000 } });
    expect(await updateService({ db, actor: director, input: goodService(scenario.service.id) })).toEqual({ ok: true, data: null });
    expect(await getCatalogueService({ db, actor: director, unverifiedId: scenario.service.id })).toMatchObject({
      pricePence: 135_050,
      capacity: 18,
      deliveryModes: ["ONLINE"],
      professionalRequired: 2,
      childFacing: false,
      requiresSocialWorkRegistration: true,
      sortOrder: 3,
    });
    expect(await db.engagement.findUniqueOrThrow({ where: { id: engagement.id }, select: { unitPricePenceSnapshot: true } })).toEqual({ unitPricePenceSnapshot: 120_000 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "service.update", subjectId: scenario.service.id } });
    expect(audit.data).toMatchObject({ changed: { pricePence: { from: 120_000, to: 135_050 }, capacity: { from: 20, to: 18 } } });
    // Saving the same values again changes (and audits) nothing.
    expect(await updateService({ db, actor: director, input: goodService(scenario.service.id) })).toEqual({ ok: true, data: null });
    expect(await db.auditEvent.count({ where: { action: "service.update", subjectId: scenario.service.id } })).toBe(1);
    expect((await listCatalogue({ db, actor: director })).find((s) => s.id === scenario.service.id)?._count.engagements).toBe(1);
  });

  it.each([
    ["livedRequired", "0", "Every session is co-delivered: at least 1 lived-experience associate is needed."],
    ["professionalRequired", "0", "Every session is co-delivered: at least 1 professional associate is needed."],
    ["livedRequired", "1.5", "Enter lived-experience associates as a whole number."],
    ["pricePence", "12.345", "Enter the price in pounds, like 1200 or 1,200.50."],
    ["pricePence", "-5", "Enter the price in pounds, like 1200 or 1,200.50."],
    ["vatRateBasisPoints", "1750", "Choose 20%, 5% or 0% VAT."],
    ["capacity", "0", "Capacity must be at least 1 person."],
    ["durationMinutes", "100", "Use steps of 15 minutes, like 90 or 180."],
    ["deliveryModes", [], "Choose at least one way to deliver it: in person or online."],
    ["name", " ", "Enter the service's name."],
  ])("refuses %s = %j with a plain message and writes nothing", async (field, value, message) => {
    const { scenario, director } = await setUp();
    const before = await db.service.findUniqueOrThrow({ where: { id: scenario.service.id } });
    const result = await updateService({ db, actor: director, input: goodService(scenario.service.id, { [field]: value }) });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { [field]: [message] } });
    expect(await db.service.findUniqueOrThrow({ where: { id: scenario.service.id } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { subjectId: scenario.service.id } })).toBe(0);
  });

  it("the database also refuses a service without a lived-experience associate", async () => {
    const { scenario } = await setUp();
    await expect(db.service.update({ where: { id: scenario.service.id }, data: { livedRequired: 0 } })).rejects.toThrow();
  });

  it("clients and associates get not found", async () => {
    const { scenario } = await setUp();
    const associate: Actor = { userId: scenario.booker.id, email: "a@test.example", name: "A", role: "ASSOCIATE", associateId: "x", memberships: [] };
    for (const actor of [scenario.context.actor, associate]) {
      expect(await updateService({ db, actor, input: goodService(scenario.service.id, { pricePence: "1" }) })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await getCatalogueService({ db, actor, unverifiedId: scenario.service.id })).toBeNull();
      expect(await listCatalogue({ db, actor })).toEqual([]);
      expect(await updateClientBilling({ db, actor, input: { unverifiedOrganisationId: scenario.organisation.id, name: "Hijacked", kind: "OTHER", paymentTermsDays: "1" } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await getClient({ db, actor, unverifiedId: scenario.organisation.id })).toBeNull();
      expect(await listClients({ db, actor })).toEqual([]);
    }
    expect((await db.service.findUniqueOrThrow({ where: { id: scenario.service.id } })).pricePence).toBe(120_000);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: scenario.organisation.id } })).name).toBe("Northshire County Council");
  });
});

describe("clients", () => {
  it("lists clients with engagements and unpaid invoices; the director saves billing details and terms with the same validation as the client's form", async () => {
    const { scenario, director } = await setUp();
    await db.engagement.create({ data: { reference: `GT-K-${Date.now()}`, organisationId: scenario.organisation.id, serviceId: scenario.service.id, requestedById: scenario.booker.id, unitPricePenceSnapshot: 1, vatRateBasisPointsSnapshot: 2000 } });
    const listed = (await listClients({ db, actor: director })).find((c) => c.id === scenario.organisation.id);
    expect(listed?._count).toEqual({ engagements: 1, invoices: 0, memberships: 1 });

    const bad = await updateClientBilling({ db, actor: director, input: { unverifiedOrganisationId: scenario.organisation.id, name: "", kind: "PRISON", postcode: "12345", invoiceEmail: "finance@", vatNumber: "XX1", paymentTermsDays: "200" } });
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: {
        name: ["Enter the organisation's name."],
        kind: ["Choose what kind of organisation it is."],
        postcode: ["Enter a UK postcode, like NS1 4AB."],
        invoiceEmail: ["Enter an email address like invoices@example.gov.uk."],
        vatNumber: ["Enter a UK VAT number, like GB123456789."],
        paymentTermsDays: ["Payment terms can be at most 120 days."],
      },
    });
    const good = await updateClientBilling({ db, actor: director, input: { unverifiedOrganisationId: scenario.organisation.id, name: "Northshire CC", kind: "LOCAL_AUTHORITY", addressLine1: "County Hall", town: "Northshire", postcode: "ns1 4ab", invoiceEmail: "AP@Northshire.example", vatNumber: "GB 123 4567 89", poRequired: "on", paymentTermsDays: "14" } });
    expect(good).toEqual({ ok: true, data: null });
    expect(await getClient({ db, actor: director, unverifiedId: scenario.organisation.id })).toMatchObject({ name: "Northshire CC", kind: "LOCAL_AUTHORITY", postcode: "NS1 4AB", invoiceEmail: "ap@northshire.example", vatNumber: "GB123456789", poRequired: true, paymentTermsDays: 14 });
    expect(await db.auditEvent.count({ where: { action: "organisation.billing.update", organisationId: scenario.organisation.id, actorId: director.userId } })).toBe(1);
    expect(await updateClientBilling({ db, actor: director, input: { unverifiedOrganisationId: "nope", name: "Someone", kind: "OTHER", paymentTermsDays: "30" } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
