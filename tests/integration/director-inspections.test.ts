import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db/create-client";
import { INSPECTION_TEMPLATES } from "@/lib/domain/inspection";
import {
  createMockInspection,
  finaliseMockInspection,
  getMockInspection,
  getMockInspectionPdf,
  listMockInspections,
  publishInspectionTemplates,
  readInspectionForm,
  updateMockInspection,
} from "@/lib/server/director/inspections";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());
beforeAll(async () => {
  expect(await publishInspectionTemplates(db)).toBe(INSPECTION_TEMPLATES.length);
  // Idempotent: a second run publishes nothing.
  expect(await publishInspectionTemplates(db)).toBe(0);
});

const now = new Date("2026-11-23T12:00:00Z");

async function setUp() {
  const scenario = await createScenario(db, { associates: [], serviceOverrides: { category: "INSPECTION", bookableOnline: false } });
  const director: Actor = { userId: scenario.director.id, email: scenario.director.email, name: "Jade", role: "DIRECTOR", associateId: null, memberships: [] };
  return { scenario, director };
}

const form = (id: string, grades: { overall?: string; helped?: string; leaders?: string }, extra: Record<string, string> = {}) =>
  readInspectionForm({
    inspectionId: id,
    "grade.overall-experiences": grades.overall ?? "",
    "evidence.overall-experiences": "Children talked about trips and school.",
    "grade.helped-and-protected": grades.helped ?? "",
    "evidence.helped-and-protected": "Return interviews were late twice.",
    "grade.leaders-and-managers": grades.leaders ?? "",
    "evidence.leaders-and-managers": "Supervision is regular.",
    childrensVoice: "“They listen to me.”",
    "recommendation.0.text": "Offer return interviews within 72 hours.",
    "recommendation.0.timescaleKind": "WEEKS",
    "recommendation.0.weeks": "4",
    ...extra,
  });

describe("mock inspections", () => {
  it("a report uses the latest published template; older reports keep their version", async () => {
    const { scenario, director } = await setUp();
    const first = await createMockInspection({ db, actor: director, now, input: { unverifiedOrganisationId: scenario.organisation.id, settingType: "CHILDRENS_HOME", settingName: "Oak House", visitDate: "2026-11-10" } });
    expect(first.ok).toBe(true);
    const v1 = INSPECTION_TEMPLATES.find((t) => t.settingType === "CHILDRENS_HOME")!;
    // A v2 published in the future isn't used yet; once published it is, for new reports only.
    await publishInspectionTemplates(db, [{ ...v1, version: 2, name: "Children's home (SCCIF 2027)", publishedAt: "2026-12-01T00:00:00Z" }]);
    const stillV1 = await createMockInspection({ db, actor: director, now, input: { unverifiedOrganisationId: scenario.organisation.id, settingType: "CHILDRENS_HOME", settingName: "Ash House", visitDate: "2026-11-11" } });
    const second = await createMockInspection({ db, actor: director, now: new Date("2026-12-02T09:00:00Z"), input: { unverifiedOrganisationId: scenario.organisation.id, settingType: "CHILDRENS_HOME", settingName: "Elm House", visitDate: "2026-12-01" } });
    if (!first.ok || !second.ok || !stillV1.ok) throw new Error("create failed");
    expect((await getMockInspection({ db, actor: director, unverifiedId: first.data.id }))).toMatchObject({ templateVersion: 1, template: { name: "Children's home (SCCIF)" } });
    expect((await getMockInspection({ db, actor: director, unverifiedId: stillV1.data.id }))?.templateVersion).toBe(1);
    expect((await getMockInspection({ db, actor: director, unverifiedId: second.data.id }))).toMatchObject({ templateVersion: 2, template: { name: "Children's home (SCCIF 2027)" } });
    // Re-publishing v1 with other wording changes nothing.
    await publishInspectionTemplates(db, [{ ...v1, name: "Changed" }]);
    expect((await getMockInspection({ db, actor: director, unverifiedId: first.data.id }))?.template.name).toBe("Children's home (SCCIF)");
    expect(await db.auditEvent.count({ where: { action: "mockInspection.create", subjectId: first.data.id } })).toBe(1);
  });

  it("bad details are refused field by field; an engagement must be this client's mock inspection", async () => {
    const { scenario, director } = await setUp();
    const other = await setUp();
    const bad = await createMockInspection({ db, actor: director, now, input: { unverifiedOrganisationId: "", settingType: "PRISON", settingName: "", visitDate: "2026-02-30" } });
    expect(bad).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { unverifiedOrganisationId: ["Choose the client organisation."], settingType: ["Choose the kind of setting."], settingName: ["Enter the setting's name, like Oak House."], visitDate: ["Enter a real date."] } });
    const engagement = await db.engagement.create({ data: { reference: `GT-T-${Date.now()}`, organisationId: other.scenario.organisation.id, serviceId: other.scenario.service.id, requestedById: other.scenario.booker.id, unitPricePenceSnapshot: 1, vatRateBasisPointsSnapshot: 2000 } });
    const wrongOrg = await createMockInspection({ db, actor: director, now, input: { unverifiedOrganisationId: scenario.organisation.id, unverifiedEngagementId: engagement.id, settingType: "CHILDRENS_HOME", settingName: "Oak House", visitDate: "2026-11-10" } });
    expect(wrongOrg).toMatchObject({ ok: false, fieldErrors: { unverifiedEngagementId: ["Choose a mock inspection booked by this organisation, or none."] } });
    const right = await createMockInspection({ db, actor: director, now, input: { unverifiedOrganisationId: other.scenario.organisation.id, unverifiedEngagementId: engagement.id, settingType: "FOSTERING_AGENCY", settingName: "Brightway Fostering", visitDate: "2026-11-10" } });
    expect(right.ok).toBe(true);
    expect(await db.mockInspection.count({ where: { organisationId: scenario.organisation.id } })).toBe(0);
  });

  it("a combination breaking a limiting rule is refused with the rule and writes nothing; an allowed one saves", async () => {
    const { scenario, director } = await setUp();
    const created = await createMockInspection({ db, actor: director, now, input: { unverifiedOrganisationId: scenario.organisation.id, settingType: "CHILDRENS_HOME", settingName: "Oak House", visitDate: "2026-11-10" } });
    if (!created.ok) throw new Error("create failed");
    const id = created.data.id;
    const audits = await db.auditEvent.count({ where: { subjectId: id } });
    const refused = await updateMockInspection({ db, actor: director, input: form(id, { overall: "GOOD", helped: "INADEQUATE", leaders: "GOOD" }) });
    expect(refused).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      message: expect.stringContaining("When how well children are helped and protected is inadequate, the overall experiences and progress judgement must be inadequate too."),
      fieldErrors: { "grade.overall-experiences": [expect.stringContaining("helped and protected is inadequate")] },
    });
    const unchanged = await db.mockInspection.findUniqueOrThrow({ where: { id } });
    expect(unchanged.judgements).toEqual({});
    expect(unchanged.childrensVoice).toBe("");
    expect(await db.auditEvent.count({ where: { subjectId: id } })).toBe(audits);

    const refusedRi = await updateMockInspection({ db, actor: director, input: form(id, { overall: "OUTSTANDING", helped: "REQUIRES_IMPROVEMENT" }) });
    expect(refusedRi).toMatchObject({ ok: false, message: expect.stringContaining("no better than requires improvement") });

    const badRows = await updateMockInspection({ db, actor: director, input: form(id, { overall: "EXCELLENT" }, { "recommendation.1.text": "Review rotas", "recommendation.1.timescaleKind": "DATE", "recommendation.1.date": "soon", "recommendation.2.text": "", "recommendation.2.timescaleKind": "WEEKS", "recommendation.2.weeks": "0" }) });
    expect(badRows).toMatchObject({ ok: false, fieldErrors: { "grade.overall-experiences": ["Choose a judgement from the list."] } });
    const badTimescales = await updateMockInspection({ db, actor: director, input: form(id, {}, { "recommendation.1.text": "Review rotas", "recommendation.1.timescaleKind": "DATE", "recommendation.1.date": "soon", "recommendation.2.text": "", "recommendation.2.timescaleKind": "WEEKS", "recommendation.2.weeks": "0" }) });
    expect(badTimescales).toMatchObject({ ok: false, fieldErrors: { "recommendation.1.date": ["Enter the date it should be done by, like 2027-03-31."], "recommendation.2.text": ["Write the recommendation, or clear this row."], "recommendation.2.weeks": ["Enter a number of weeks from 1 to 104."] } });

    const saved = await updateMockInspection({ db, actor: director, input: form(id, { overall: "REQUIRES_IMPROVEMENT", helped: "REQUIRES_IMPROVEMENT", leaders: "GOOD" }, { "recommendation.1.text": "Review rotas", "recommendation.1.timescaleKind": "DATE", "recommendation.1.date": "2027-01-31" }) });
    expect(saved).toEqual({ ok: true, data: null });
    const report = await getMockInspection({ db, actor: director, unverifiedId: id });
    expect(report?.judgements["helped-and-protected"]).toEqual({ grade: "REQUIRES_IMPROVEMENT", evidence: "Return interviews were late twice." });
    expect(report?.recommendations).toEqual([
      { text: "Offer return interviews within 72 hours.", timescale: { kind: "WEEKS", weeks: 4 } },
      { text: "Review rotas", timescale: { kind: "DATE", date: "2027-01-31" } },
    ]);
    expect(await db.auditEvent.count({ where: { subjectId: id, action: "mockInspection.update" } })).toBe(1);
  });

  it("finalising needs every area judged with evidence; FINAL can't be edited or finalised again; the PDF downloads and is audited", async () => {
    const { scenario, director } = await setUp();
    const created = await createMockInspection({ db, actor: director, now, input: { unverifiedOrganisationId: scenario.organisation.id, settingType: "CHILDRENS_HOME", settingName: "Oak House", visitDate: "2026-11-10" } });
    if (!created.ok) throw new Error("create failed");
    const id = created.data.id;
    await updateMockInspection({ db, actor: director, input: form(id, { overall: "GOOD", helped: "GOOD" }) });
    expect(await finaliseMockInspection({ db, actor: director, now, input: { unverifiedInspectionId: id } })).toMatchObject({ ok: false, message: expect.stringContaining("Still to judge: The effectiveness of leaders and managers") });
    await updateMockInspection({ db, actor: director, input: form(id, { overall: "GOOD", helped: "GOOD", leaders: "GOOD" }, { "evidence.leaders-and-managers": " " }) });
    expect(await finaliseMockInspection({ db, actor: director, now, input: { unverifiedInspectionId: id } })).toMatchObject({ ok: false, message: expect.stringContaining("Still without evidence: The effectiveness of leaders and managers") });
    await updateMockInspection({ db, actor: director, input: form(id, { overall: "GOOD", helped: "GOOD", leaders: "GOOD" }) });
    expect(await finaliseMockInspection({ db, actor: director, now, input: { unverifiedInspectionId: id } })).toEqual({ ok: true, data: null });
    expect(await db.mockInspection.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FINAL", finalisedAt: now });

    const before = await db.mockInspection.findUniqueOrThrow({ where: { id } });
    expect(await updateMockInspection({ db, actor: director, input: form(id, { overall: "OUTSTANDING", helped: "GOOD", leaders: "GOOD" }) })).toMatchObject({ ok: false, message: expect.stringContaining("This report is final") });
    expect(await finaliseMockInspection({ db, actor: director, now, input: { unverifiedInspectionId: id } })).toMatchObject({ ok: false, message: "This report is already final." });
    expect(await db.mockInspection.findUniqueOrThrow({ where: { id } })).toEqual(before);

    const pdf = await getMockInspectionPdf({ db, actor: director, unverifiedId: id });
    expect(Buffer.from(pdf!.bytes.slice(0, 5)).toString()).toBe("%PDF-");
    expect(pdf!.filename).toBe("mock-inspection-oak-house-2026-11-10.pdf");
    expect(await db.auditEvent.count({ where: { subjectId: id, action: "mockInspection.download" } })).toBe(1);
  });

  it("clients and associates get not found for everything", async () => {
    const { scenario, director } = await setUp();
    const created = await createMockInspection({ db, actor: director, now, input: { unverifiedOrganisationId: scenario.organisation.id, settingType: "CHILDRENS_HOME", settingName: "Oak House", visitDate: "2026-11-10" } });
    if (!created.ok) throw new Error("create failed");
    const id = created.data.id;
    const client = scenario.context.actor;
    const associate: Actor = { userId: scenario.booker.id, email: "a@test.example", name: "A", role: "ASSOCIATE", associateId: "x", memberships: [] };
    for (const actor of [client, associate]) {
      expect(await getMockInspection({ db, actor, unverifiedId: id })).toBeNull();
      expect(await getMockInspectionPdf({ db, actor, unverifiedId: id })).toBeNull();
      expect(await listMockInspections({ db, actor })).toEqual([]);
      expect(await updateMockInspection({ db, actor, input: form(id, { overall: "GOOD" }) })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await finaliseMockInspection({ db, actor, now, input: { unverifiedInspectionId: id } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await createMockInspection({ db, actor, now, input: { unverifiedOrganisationId: scenario.organisation.id, settingType: "CHILDRENS_HOME", settingName: "X", visitDate: "2026-11-10" } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await db.mockInspection.count({ where: { organisationId: scenario.organisation.id } })).toBe(1);
    expect((await db.mockInspection.findUniqueOrThrow({ where: { id } })).judgements).toEqual({});
  });
});
