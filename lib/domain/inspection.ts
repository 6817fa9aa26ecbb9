/**
 * Mock inspections: the 4-point scale, versioned templates of judgement areas per setting type, and
 * the limiting rules between judgements. This is a MOCK — practice reports written by The Vision to
 * help a setting prepare. It is never an Ofsted judgement, and every report says so.
 *
 * Source reading (for the mock, paraphrased; check the current framework before relying on it):
 * Ofsted's Social Care Common Inspection Framework (SCCIF) for children's homes and for independent
 * fostering agencies, and the supported accommodation inspection framework (2025), each judge three
 * areas on the 4-point scale: the overall experiences and progress of children (or young people),
 * how well they are helped and protected, and the effectiveness of leaders and managers. The overall
 * experiences-and-progress judgement is limited by the other two: where "helped and protected" is
 * inadequate, the overall judgement is inadequate; where it requires improvement, the overall
 * judgement can be no better than requires improvement to be good. Where leaders and managers are
 * inadequate, the overall judgement is likely to be no better than requires improvement. We encode
 * each rule as data in the template (`limitingRules`), so a framework change is a new template
 * version, and enforce them here.
 */
import { z } from "zod";

/** The 4-point scale, best first. */
export const GRADES = ["OUTSTANDING", "GOOD", "REQUIRES_IMPROVEMENT", "INADEQUATE"] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = {
  OUTSTANDING: "Outstanding",
  GOOD: "Good",
  REQUIRES_IMPROVEMENT: "Requires improvement to be good",
  INADEQUATE: "Inadequate",
};

/** 1 (outstanding) to 4 (inadequate): a lower number is a better grade. */
export const gradeRank = (grade: Grade): number => GRADES.indexOf(grade) + 1;
/** Whether `a` is strictly better than `b`. */
export const isBetterThan = (a: Grade, b: Grade): boolean => gradeRank(a) < gradeRank(b);

export const SETTING_TYPES = ["CHILDRENS_HOME", "FOSTERING_AGENCY", "SUPPORTED_ACCOMMODATION"] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

export const SETTING_TYPE_LABELS: Record<SettingType, string> = {
  CHILDRENS_HOME: "Children's home",
  FOSTERING_AGENCY: "Fostering agency",
  SUPPORTED_ACCOMMODATION: "Supported accommodation (16 to 17)",
};

const gradeSchema = z.enum(GRADES);

export const templateAreaSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(1),
  /** What the inspector looks for, shown beside the evidence box. */
  guidance: z.string(),
});
export type TemplateArea = z.infer<typeof templateAreaSchema>;

export const limitingRuleSchema = z.object({
  /** The judgement that is capped. */
  limitedArea: z.string(),
  /** The judgement that triggers the cap. */
  byArea: z.string(),
  /** The cap applies when `byArea` is graded exactly this. */
  when: gradeSchema,
  /** `limitedArea` can be no better than this. */
  capAt: gradeSchema,
  /** Plain-English statement of the rule, shown when it refuses a combination. */
  reason: z.string(),
});
export type LimitingRule = z.infer<typeof limitingRuleSchema>;

export type InspectionTemplateData = {
  settingType: SettingType;
  version: number;
  name: string;
  frameworkNote: string;
  areas: TemplateArea[];
  limitingRules: LimitingRule[];
  publishedAt: string;
};

/** Reads a template's JSON columns, throwing if a stored template is malformed (a bug, not user input). */
export function parseTemplate(row: { areas: unknown; limitingRules: unknown }): { areas: TemplateArea[]; limitingRules: LimitingRule[] } {
  const areas = z.array(templateAreaSchema).min(1).parse(row.areas);
  const limitingRules = z.array(limitingRuleSchema).parse(row.limitingRules);
  const keys = new Set(areas.map((area) => area.key));
  for (const rule of limitingRules) {
    if (!keys.has(rule.limitedArea) || !keys.has(rule.byArea)) throw new Error(`Limiting rule refers to an unknown area: ${rule.limitedArea} / ${rule.byArea}`);
  }
  return { areas, limitingRules };
}

export type Judgements = Record<string, { grade: Grade | null; evidence: string }>;

export type RuleBreach = { rule: LimitingRule; limitedArea: string; message: string };

/**
 * The limiting rules a set of grades breaks: each names the capped area and explains the rule.
 * Areas not graded yet break nothing (a draft can be saved part-done).
 */
export function findRuleBreaches(grades: Record<string, Grade | null | undefined>, rules: readonly LimitingRule[]): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  for (const rule of rules) {
    const limited = grades[rule.limitedArea];
    const by = grades[rule.byArea];
    if (!limited || !by || by !== rule.when) continue;
    if (isBetterThan(limited, rule.capAt)) breaches.push({ rule, limitedArea: rule.limitedArea, message: `${rule.reason} (It is graded ${GRADE_LABELS[limited]}.)` });
  }
  return breaches;
}

/**
 * The best grade `area` may have given the other grades: the worst cap of the rules that apply, or
 * Outstanding when none does. Shown on the form as the grades are chosen.
 */
export function bestAllowedGrade(area: string, grades: Record<string, Grade | null | undefined>, rules: readonly LimitingRule[]): { grade: Grade; reasons: string[] } {
  let best: Grade = "OUTSTANDING";
  const reasons: string[] = [];
  for (const rule of rules) {
    if (rule.limitedArea !== area || grades[rule.byArea] !== rule.when) continue;
    reasons.push(rule.reason);
    if (isBetterThan(best, rule.capAt)) best = rule.capAt;
  }
  return { grade: best, reasons };
}

/** Areas still without a grade; a report can only be finalised when this is empty. */
export const ungradedAreas = (areas: readonly TemplateArea[], judgements: Judgements): TemplateArea[] => areas.filter((area) => !judgements[area.key]?.grade);

export type Timescale = { kind: "DATE"; date: string } | { kind: "WEEKS"; weeks: number };
export type Recommendation = { text: string; timescale: Timescale };

/** "By 3 March 2027" or "Within 6 weeks". */
export function describeTimescale(timescale: Timescale): string {
  if (timescale.kind === "WEEKS") return `Within ${timescale.weeks} week${timescale.weeks === 1 ? "" : "s"}`;
  const date = new Date(`${timescale.date}T12:00:00Z`);
  return `By ${new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(date)}`;
}

// ── Published templates ──────────────────────────────────────────────────────
// Each is published once and never changed: a framework change is a new version (seeded by prisma/seed.ts).

const OVERALL = "overall-experiences";
const PROTECTED = "helped-and-protected";
const LEADERS = "leaders-and-managers";

function sccifRules(people: string): LimitingRule[] {
  return [
    { limitedArea: OVERALL, byArea: PROTECTED, when: "INADEQUATE", capAt: "INADEQUATE", reason: `When how well ${people} are helped and protected is inadequate, the overall experiences and progress judgement must be inadequate too.` },
    { limitedArea: OVERALL, byArea: PROTECTED, when: "REQUIRES_IMPROVEMENT", capAt: "REQUIRES_IMPROVEMENT", reason: `When how well ${people} are helped and protected requires improvement, the overall experiences and progress judgement can be no better than requires improvement to be good.` },
    { limitedArea: OVERALL, byArea: LEADERS, when: "INADEQUATE", capAt: "REQUIRES_IMPROVEMENT", reason: "When the effectiveness of leaders and managers is inadequate, the overall experiences and progress judgement can be no better than requires improvement to be good." },
  ];
}

function sccifAreas(people: string, setting: string): TemplateArea[] {
  return [
    { key: OVERALL, title: `Overall experiences and progress of ${people}`, guidance: `How ${people}'s lives have improved since they came to the ${setting}: relationships with the adults who care for them, education, health, feeling settled, being listened to and helped towards adulthood.` },
    { key: PROTECTED, title: `How well ${people} are helped and protected`, guidance: "Safety and risk: what happens when children go missing, bullying, self-harm and exploitation; how staff respond and record; whether children feel safe and know who to tell." },
    { key: LEADERS, title: "The effectiveness of leaders and managers", guidance: "The registered manager's grip: staffing, supervision and training, monitoring and learning from incidents, partnership working, and how leaders know what children's days are like." },
  ];
}

export const INSPECTION_TEMPLATES: readonly InspectionTemplateData[] = [
  {
    settingType: "CHILDRENS_HOME",
    version: 1,
    name: "Children's home (SCCIF)",
    frameworkNote: "Follows the judgement areas of Ofsted's Social Care Common Inspection Framework for children's homes. A mock inspection by The Vision, not an Ofsted judgement.",
    areas: sccifAreas("children", "home"),
    limitingRules: sccifRules("children"),
    publishedAt: "2026-01-01T00:00:00Z",
  },
  {
    settingType: "FOSTERING_AGENCY",
    version: 1,
    name: "Independent fostering agency (SCCIF)",
    frameworkNote: "Follows the judgement areas of Ofsted's Social Care Common Inspection Framework for independent fostering agencies. A mock inspection by The Vision, not an Ofsted judgement.",
    areas: sccifAreas("children", "agency's foster families"),
    limitingRules: sccifRules("children"),
    publishedAt: "2026-01-01T00:00:00Z",
  },
  {
    settingType: "SUPPORTED_ACCOMMODATION",
    version: 1,
    name: "Supported accommodation for 16- and 17-year-olds",
    frameworkNote: "Follows the judgement areas of Ofsted's framework for supported accommodation. A mock inspection by The Vision, not an Ofsted judgement.",
    areas: sccifAreas("young people", "accommodation"),
    limitingRules: sccifRules("young people"),
    publishedAt: "2026-01-01T00:00:00Z",
  },
];

/** The watermark and header text on every page of a mock-inspection report. */
export const MOCK_MARK = "MOCK — NOT AN OFSTED JUDGEMENT";
