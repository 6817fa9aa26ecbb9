import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeEngagements, scopeOrganisations } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import {
  findRuleBreaches,
  type Grade,
  GRADES,
  INSPECTION_TEMPLATES,
  type InspectionTemplateData,
  type Judgements,
  parseTemplate,
  type Recommendation,
  SETTING_TYPE_LABELS,
  SETTING_TYPES,
  type SettingType,
  ungradedAreas,
} from "@/lib/domain/inspection";
import { renderMockInspectionPdf } from "@/lib/integrations/pdf/mock-inspection";
import { AppErrorCode, type FieldErrors, fail, ok, type Result } from "@/lib/result";
import { withoutNulCharacters } from "@/lib/db/without-nul";

/**
 * Mock-inspection reports, for the director only. A report uses the latest published template for its
 * setting type and keeps that version for ever. Drafts can be saved part-done; the limiting rules are
 * checked on every save, and a FINAL report can't change. Children's voice is sensitive: every change
 * and every download is audited.
 */

const NOT_FOUND = "We couldn't find that mock inspection.";
const IS_FINAL = "This report is final, so it can't be changed. Start a new report if something needs to change.";

const isDirector = (actor: Actor) => actor.role === "DIRECTOR";

/** The director's `where` for one report (a non-director's matches nothing). */
function reportWhere(actor: Actor, unverifiedId: string): Prisma.MockInspectionWhereInput {
  return isDirector(actor) ? { id: unverifiedId, organisation: scopeOrganisations(actor) } : { id: "__outside_scope__" };
}

/** The latest template published by `now` for a setting type. */
async function latestTemplate(db: DbTx, settingType: SettingType, now: Date) {
  return db.inspectionTemplate.findFirst({ where: { settingType, publishedAt: { lte: now } }, orderBy: { version: "desc" }, select: { id: true, version: true, name: true } });
}

export async function listMockInspections({ db, actor }: { db: DbTx; actor: Actor }) {
  if (!isDirector(actor)) return [];
  return db.mockInspection.findMany({
    where: { organisation: scopeOrganisations(actor) },
    orderBy: [{ status: "asc" }, { visitDate: "desc" }],
    select: { id: true, settingName: true, settingType: true, templateVersion: true, visitDate: true, status: true, finalisedAt: true, organisation: { select: { name: true } }, engagement: { select: { reference: true } } },
  });
}

/** What the "new report" form offers: client organisations, mock-inspection engagements, the latest templates. */
export async function getNewMockInspectionOptions({ db, actor, now }: { db: DbTx; actor: Actor; now: Date }) {
  if (!isDirector(actor)) return null;
  const [organisations, engagements, templates] = await Promise.all([
    db.organisation.findMany({ where: scopeOrganisations(actor), orderBy: { name: "asc" }, select: { id: true, name: true, kind: true } }),
    db.engagement.findMany({
      where: { ...scopeEngagements(actor), service: { category: "INSPECTION" }, status: { not: "CANCELLED" } },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, reference: true, organisationId: true, organisation: { select: { name: true } } },
    }),
    Promise.all(SETTING_TYPES.map(async (settingType) => ({ settingType, template: await latestTemplate(db, settingType, now) }))),
  ]);
  return { organisations, engagements, templates: templates.filter((t) => t.template !== null) };
}

const isoDate = z
  .string({ message: "Enter the visit date." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the visit date, like 2026-11-10.")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "Enter a real date.");

export const createInspectionInput = z.object({
  unverifiedOrganisationId: z.string({ message: "Choose the client organisation." }).trim().min(1, "Choose the client organisation.").max(60),
  unverifiedEngagementId: z.string().trim().max(60).optional().transform((value) => value || null),
  settingType: z.enum(SETTING_TYPES, { message: "Choose the kind of setting." }),
  settingName: z.string({ message: "Enter the setting's name." }).trim().min(2, "Enter the setting's name, like Oak House.").max(120, "Keep the name under 120 characters."),
  visitDate: isoDate,
});

/** Starts a draft report for a client organisation on the latest template for its setting type. */
export async function createMockInspection({ db, actor, input, now }: { db: Db; actor: Actor; input: unknown; now: Date }): Promise<Result<{ id: string }>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
  const parsed = createInspectionInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the report details.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedOrganisationId, unverifiedEngagementId, settingType, settingName, visitDate } = parsed.data;
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findFirst({ where: { id: unverifiedOrganisationId, ...scopeOrganisations(actor) }, select: { id: true } });
    if (!organisation) return fail(AppErrorCode.INVALID_INPUT, "Choose the client organisation.", { unverifiedOrganisationId: ["Choose the client organisation."] });
    if (unverifiedEngagementId) {
      const engagement = await tx.engagement.findFirst({ where: { id: unverifiedEngagementId, ...scopeEngagements(actor, organisation.id), service: { category: "INSPECTION" } }, select: { id: true } });
      if (!engagement) return fail(AppErrorCode.INVALID_INPUT, "That booking isn't a mock inspection for this organisation.", { unverifiedEngagementId: ["Choose a mock inspection booked by this organisation, or none."] });
    }
    const template = await latestTemplate(tx, settingType, now);
    if (!template) return fail(AppErrorCode.INVALID_INPUT, "There's no published template for that kind of setting yet.", { settingType: ["Choose another kind of setting."] });
    const report = await tx.mockInspection.create({
      data: { organisationId: organisation.id, engagementId: unverifiedEngagementId, templateId: template.id, templateVersion: template.version, settingType, settingName, visitDate: new Date(`${visitDate}T00:00:00Z`), createdById: actor.userId },
      select: { id: true },
    });
    await tx.auditEvent.create({ data: { actorId: actor.userId, organisationId: organisation.id, action: "mockInspection.create", subject: "MockInspection", subjectId: report.id, data: { settingType, templateVersion: template.version } } });
    return ok({ id: report.id });
  });
}

const reportSelect = {
  id: true,
  settingName: true,
  settingType: true,
  templateVersion: true,
  visitDate: true,
  status: true,
  finalisedAt: true,
  judgements: true,
  childrensVoice: true,
  recommendations: true,
  organisationId: true,
  organisation: { select: { name: true } },
  engagement: { select: { reference: true } },
  template: { select: { name: true, frameworkNote: true, areas: true, limitingRules: true } },
} as const satisfies Prisma.MockInspectionSelect;

const storedJudgements = z.record(z.string(), z.object({ grade: z.enum(GRADES).nullable(), evidence: z.string() }));
const storedRecommendations = z.array(
  z.object({ text: z.string(), timescale: z.discriminatedUnion("kind", [z.object({ kind: z.literal("DATE"), date: z.string() }), z.object({ kind: z.literal("WEEKS"), weeks: z.number().int() })]) }),
);

function toReport(row: Prisma.MockInspectionGetPayload<{ select: typeof reportSelect }>) {
  const { areas, limitingRules } = parseTemplate(row.template);
  return {
    ...row,
    settingTypeLabel: SETTING_TYPE_LABELS[row.settingType],
    areas,
    limitingRules,
    judgements: storedJudgements.parse(row.judgements) as Judgements,
    recommendations: storedRecommendations.parse(row.recommendations) as Recommendation[],
  };
}

export type MockInspectionReport = ReturnType<typeof toReport>;

/** One report with its template, or null when it doesn't exist or the caller isn't the director. */
export async function getMockInspection({ db, actor, unverifiedId }: { db: DbTx; actor: Actor; unverifiedId: string }): Promise<MockInspectionReport | null> {
  const row = await db.mockInspection.findFirst({ where: reportWhere(actor, unverifiedId), select: reportSelect });
  return row ? toReport(row) : null;
}

const gradeOrBlank = z
  .string()
  .optional()
  .transform((value) => value || null)
  .pipe(z.enum(GRADES, { message: "Choose a judgement from the list." }).nullable());

const recommendationInput = z.object({
  text: z.string().trim().max(1000, "Keep each recommendation under 1,000 characters."),
  timescaleKind: z.string().optional(),
  date: z.string().trim().optional(),
  weeks: z.string().trim().optional(),
});

export const updateInspectionInput = z.object({
  unverifiedInspectionId: z.string().trim().min(1).max(60),
  judgements: z.record(z.string(), z.object({ grade: gradeOrBlank, evidence: z.string().trim().max(10_000, "Keep the evidence under 10,000 characters.").optional().default("") })),
  childrensVoice: z.string().trim().max(10_000, "Keep this under 10,000 characters.").optional().default(""),
  recommendations: z.array(recommendationInput).max(30, "Up to 30 recommendations."),
});

/**
 * Turns the edit form's flat fields into the update input: `grade.<area>`, `evidence.<area>`,
 * `recommendation.<n>.text|timescaleKind|date|weeks`. Rows left completely blank are dropped.
 */
export function readInspectionForm(values: Record<string, string>) {
  const judgements: Record<string, { grade?: string; evidence?: string }> = {};
  const rows = new Map<number, Record<string, string>>();
  for (const [name, value] of Object.entries(values)) {
    const judgement = /^(grade|evidence)\.([a-z][a-z0-9-]*)$/.exec(name);
    if (judgement) {
      const [, field, area] = judgement as unknown as [string, "grade" | "evidence", string];
      (judgements[area] ??= {})[field] = value;
      continue;
    }
    const row = /^recommendation\.(\d{1,2})\.(text|timescaleKind|date|weeks)$/.exec(name);
    if (row) {
      const index = Number(row[1]);
      rows.set(index, { ...rows.get(index), [row[2]!]: value });
    }
  }
  const recommendations = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => (row.text ?? "").trim() || (row.date ?? "").trim() || (row.weeks ?? "").trim());
  return { unverifiedInspectionId: values.inspectionId, judgements, childrensVoice: values.childrensVoice, recommendations };
}

/** Checks each recommendation has text and a timescale; errors are keyed by the row's position. */
function readRecommendations(rows: z.infer<typeof recommendationInput>[], fieldErrors: FieldErrors): Recommendation[] {
  const recommendations: Recommendation[] = [];
  rows.forEach((row, index) => {
    const key = `recommendation.${index}`;
    if (!row.text) fieldErrors[`${key}.text`] = ["Write the recommendation, or clear this row."];
    if (row.timescaleKind === "WEEKS") {
      const weeks = Number(row.weeks);
      if (!/^\d{1,3}$/.test(row.weeks ?? "") || weeks < 1 || weeks > 104) fieldErrors[`${key}.weeks`] = ["Enter a number of weeks from 1 to 104."];
      else if (row.text) recommendations.push({ text: row.text, timescale: { kind: "WEEKS", weeks } });
    } else if (row.timescaleKind === "DATE") {
      const date = isoDate.safeParse(row.date);
      if (!date.success) fieldErrors[`${key}.date`] = ["Enter the date it should be done by, like 2027-03-31."];
      else if (row.text) recommendations.push({ text: row.text, timescale: { kind: "DATE", date: date.data } });
    } else {
      fieldErrors[`${key}.timescaleKind`] = ["Choose a timescale: a date, or within a number of weeks."];
    }
  });
  return recommendations;
}

/** Locks a draft report for a change; null when missing or outside scope, "FINAL" when it can't change. */
async function lockDraft(tx: DbTx, actor: Actor, unverifiedId: string) {
  if (!isDirector(actor)) return null;
  await tx.$queryRaw`SELECT "id" FROM "MockInspection" WHERE "id" = ${withoutNulCharacters(unverifiedId)} FOR UPDATE`;
  const row = await tx.mockInspection.findFirst({ where: reportWhere(actor, unverifiedId), select: reportSelect });
  return row ? toReport(row) : null;
}

/**
 * Saves a draft: judgements (each optional until finalising), evidence, children's voice and
 * recommendations. A combination of judgements that breaks a limiting rule is refused with the rule,
 * and nothing is written.
 */
export async function updateMockInspection({ db, actor, input }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<null>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
  const parsed = updateInspectionInput.safeParse(input);
  if (!parsed.success) {
    const flattened: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const [first, second, third] = issue.path.map(String);
      const key = first === "judgements" ? `${third}.${second}` : first === "recommendations" ? `recommendation.${second}.${third}` : (first ?? "form");
      (flattened[key] ??= []).push(issue.message);
    }
    return fail(AppErrorCode.INVALID_INPUT, "Check the report.", flattened);
  }
  return db.$transaction(async (tx) => {
    const report = await lockDraft(tx, actor, parsed.data.unverifiedInspectionId);
    if (!report) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
    if (report.status === "FINAL") return fail(AppErrorCode.INVALID_INPUT, IS_FINAL);
    const fieldErrors: FieldErrors = {};
    const judgements: Judgements = {};
    for (const area of report.areas) {
      const given = parsed.data.judgements[area.key];
      judgements[area.key] = { grade: given?.grade ?? null, evidence: given?.evidence ?? "" };
    }
    const recommendations = readRecommendations(parsed.data.recommendations, fieldErrors);
    const breaches = findRuleBreaches(gradesOf(judgements), report.limitingRules);
    for (const breach of breaches) (fieldErrors[`grade.${breach.limitedArea}`] ??= []).push(breach.message);
    if (Object.keys(fieldErrors).length) {
      return fail(AppErrorCode.INVALID_INPUT, breaches.length ? `These judgements break a limiting rule: ${breaches[0]!.message}` : "Check the report.", fieldErrors);
    }
    await tx.mockInspection.update({ where: { id: report.id }, data: { judgements, childrensVoice: parsed.data.childrensVoice, recommendations } });
    await tx.auditEvent.create({
      data: { actorId: actor.userId, organisationId: report.organisationId, action: "mockInspection.update", subject: "MockInspection", subjectId: report.id, data: { grades: gradesOf(judgements), recommendations: recommendations.length } },
    });
    return ok(null);
  });
}

const gradesOf = (judgements: Judgements): Record<string, Grade | null> => Object.fromEntries(Object.entries(judgements).map(([key, value]) => [key, value.grade]));

/** Makes a draft FINAL: every area judged with evidence, no limiting rule broken. FINAL never changes. */
export async function finaliseMockInspection({ db, actor, input, now }: { db: Db; actor: Actor; input: unknown; now: Date }): Promise<Result<null>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
  const parsed = z.object({ unverifiedInspectionId: z.string().trim().min(1).max(60) }).safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
  return db.$transaction(async (tx) => {
    const report = await lockDraft(tx, actor, parsed.data.unverifiedInspectionId);
    if (!report) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
    if (report.status === "FINAL") return fail(AppErrorCode.INVALID_INPUT, "This report is already final.");
    const missing = ungradedAreas(report.areas, report.judgements);
    if (missing.length) return fail(AppErrorCode.INVALID_INPUT, `Choose a judgement for every area before finalising. Still to judge: ${missing.map((area) => area.title).join("; ")}.`);
    const noEvidence = report.areas.filter((area) => !report.judgements[area.key]?.evidence.trim());
    if (noEvidence.length) return fail(AppErrorCode.INVALID_INPUT, `Add the evidence for every judgement before finalising. Still without evidence: ${noEvidence.map((area) => area.title).join("; ")}.`);
    const breaches = findRuleBreaches(gradesOf(report.judgements), report.limitingRules);
    if (breaches.length) return fail(AppErrorCode.INVALID_INPUT, `These judgements break a limiting rule: ${breaches[0]!.message}`);
    await tx.mockInspection.update({ where: { id: report.id }, data: { status: "FINAL", finalisedAt: now } });
    await tx.auditEvent.create({ data: { actorId: actor.userId, organisationId: report.organisationId, action: "mockInspection.finalise", subject: "MockInspection", subjectId: report.id, data: { grades: gradesOf(report.judgements) } } });
    return ok(null);
  });
}

/** The report as a watermarked PDF (drafts say DRAFT). Each download is audited. */
export async function getMockInspectionPdf({ db, actor, unverifiedId }: { db: Db; actor: Actor; unverifiedId: string }): Promise<{ filename: string; bytes: Uint8Array } | null> {
  const report = await getMockInspection({ db, actor, unverifiedId });
  if (!report) return null;
  const bytes = await renderMockInspectionPdf({
    settingName: report.settingName,
    organisationName: report.organisation.name,
    settingTypeLabel: report.settingTypeLabel,
    templateName: report.template.name,
    templateVersion: report.templateVersion,
    frameworkNote: report.template.frameworkNote,
    visitDate: report.visitDate,
    isFinal: report.status === "FINAL",
    finalisedAt: report.finalisedAt,
    areas: report.areas.map((area) => ({ title: area.title, grade: report.judgements[area.key]?.grade ?? null, evidence: report.judgements[area.key]?.evidence ?? "" })),
    childrensVoice: report.childrensVoice,
    recommendations: report.recommendations,
  });
  await db.auditEvent.create({ data: { actorId: actor.userId, organisationId: report.organisationId, action: "mockInspection.download", subject: "MockInspection", subjectId: report.id, data: { status: report.status } } });
  const slug = report.settingName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "report";
  return { filename: `mock-inspection-${slug}-${report.visitDate.toISOString().slice(0, 10)}.pdf`, bytes };
}

/**
 * Publishes the templates in `INSPECTION_TEMPLATES` that aren't in the database yet. A published
 * version is never overwritten (reports keep the wording they were written against). Used by the seed.
 */
export async function publishInspectionTemplates(db: DbTx, templates: readonly InspectionTemplateData[] = INSPECTION_TEMPLATES): Promise<number> {
  let published = 0;
  for (const template of templates) {
    parseTemplate(template);
    const existing = await db.inspectionTemplate.findUnique({ where: { settingType_version: { settingType: template.settingType, version: template.version } }, select: { id: true } });
    if (existing) continue;
    await db.inspectionTemplate.create({ data: { ...template, publishedAt: new Date(template.publishedAt) } });
    published++;
  }
  return published;
}
