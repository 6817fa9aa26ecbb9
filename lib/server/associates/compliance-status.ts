import {
  assessCompliance,
  type ComplianceKind,
  type CompliancePolicy,
  type ComplianceReasonCode,
  isDbsSuitableForChildren,
  readDbsDetails,
} from "@/lib/domain/compliance";
import { addDays, countDaysBetween, formatIsoDate, type IsoDate } from "@/lib/domain/time/calendar-date";
import { complianceKindLabel } from "@/lib/labels";

/**
 * Pure helpers behind the associate's Checks page and the director's review: the status of each kind
 * of check, what it means for the work they can be offered (today and in 30 days), and plain-English
 * descriptions of stored details. No I/O, so they are unit-tested directly.
 */

export const COMPLIANCE_KINDS_IN_ORDER = [
  "DBS_ENHANCED",
  "DBS_UPDATE_SERVICE",
  "SAFEGUARDING_TRAINING",
  "PROFESSIONAL_REGISTRATION",
  "INSURANCE",
  "RIGHT_TO_WORK",
] as const satisfies readonly ComplianceKind[];

/** How many days ahead a check counts as "expiring soon" (warned on screen and by email). */
export const EXPIRY_WARNING_DAYS = 30;

export type StoredRecord = {
  id: string;
  kind: ComplianceKind;
  reference: string;
  checkedOn: IsoDate;
  expiresOn: IsoDate | null;
  details: unknown;
  isVerified: boolean;
  isRejected: boolean;
  reviewNote: string | null;
  createdAt: Date;
};

export type EntryStatus = "VERIFIED" | "EXPIRING" | "WAITING" | "NOT_ACCEPTED" | "LAPSED";
export type KindStatus = "VERIFIED" | "EXPIRING" | "WAITING" | "NOT_ACCEPTED" | "LAPSED" | "MISSING";

export type Entry = StoredRecord & {
  status: EntryStatus;
  /** The last day it counts: its expiry or, for an Update Service check, the day it becomes too old. */
  validUntil: IsoDate | null;
  /** Days from today to `validUntil` (null when it does not expire). */
  daysLeft: number | null;
};

export type KindSummary = {
  kind: ComplianceKind;
  status: KindStatus;
  /** The verified record that counts today, if any. */
  current: Entry | null;
  /** Every entry of this kind, newest first. */
  entries: Entry[];
  /** A caveat about the current record (e.g. a DBS check that isn't for work with children). */
  caveat: string | null;
};

/** A kind's name in the middle of a sentence: "insurance", "enhanced DBS check", "DBS Update Service check". */
export function kindInSentence(kind: ComplianceKind): string {
  const label = complianceKindLabel[kind];
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** The last day a record counts. An Update Service check without a stored expiry lasts the policy's age. */
export function validUntil(record: Pick<StoredRecord, "kind" | "checkedOn" | "expiresOn">, policy: CompliancePolicy): IsoDate | null {
  if (record.expiresOn) return record.expiresOn;
  return record.kind === "DBS_UPDATE_SERVICE" ? addDays(record.checkedOn, policy.maxDbsUpdateCheckAgeDays) : null;
}

function describeEntry(record: StoredRecord, today: IsoDate, policy: CompliancePolicy): Entry {
  const until = validUntil(record, policy);
  const daysLeft = until === null ? null : countDaysBetween(today, until);
  let status: EntryStatus;
  if (record.isRejected) status = "NOT_ACCEPTED";
  else if (!record.isVerified) status = "WAITING";
  else if (daysLeft !== null && daysLeft < 0) status = "LAPSED";
  else if (daysLeft !== null && daysLeft <= EXPIRY_WARNING_DAYS) status = "EXPIRING";
  else status = "VERIFIED";
  return { ...record, status, validUntil: until, daysLeft };
}

/** The longest-lasting of the counting entries (no expiry beats any date; then the latest check). */
function pickCurrent(entries: Entry[]): Entry | null {
  let best: Entry | null = null;
  for (const entry of entries) {
    if (!best) best = entry;
    else if (best.validUntil !== null && (entry.validUntil === null || entry.validUntil > best.validUntil)) best = entry;
    else if (entry.validUntil === best.validUntil && entry.checkedOn > best.checkedOn) best = entry;
  }
  return best;
}

/**
 * Each kind's status for `today`: VERIFIED or EXPIRING (within 30 days) when a verified record counts;
 * otherwise WAITING when a new entry awaits the director, NOT_ACCEPTED when the latest entry was
 * turned down, LAPSED when only expired records remain, MISSING when there is nothing.
 * Entries the director has not verified never count (as in `assessCompliance`).
 */
export function summariseCompliance(records: readonly StoredRecord[], today: IsoDate, policy: CompliancePolicy): KindSummary[] {
  return COMPLIANCE_KINDS_IN_ORDER.map((kind) => {
    const entries = records
      .filter((record) => record.kind === kind)
      .map((record) => describeEntry(record, today, policy))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const current = pickCurrent(entries.filter((e) => e.status === "VERIFIED" || e.status === "EXPIRING"));
    const latest = entries[0];
    let status: KindStatus;
    if (current) status = current.status === "EXPIRING" ? "EXPIRING" : "VERIFIED";
    else if (entries.some((e) => e.status === "WAITING")) status = "WAITING";
    else if (latest?.status === "NOT_ACCEPTED") status = "NOT_ACCEPTED";
    else if (entries.some((e) => e.status === "LAPSED")) status = "LAPSED";
    else status = "MISSING";
    let caveat: string | null = null;
    if (kind === "DBS_ENHANCED" && current && !isDbsSuitableForChildren(readDbsDetails(current.details))) {
      caveat = "This check isn't an enhanced check for work with children that includes the children's barred list, so it doesn't cover child-facing services.";
    }
    return { kind, status, current, entries, caveat };
  });
}

// ───────────────────────────── what is blocked ─────────────────────────────

export type BlockingService = {
  name: string;
  childFacing: boolean;
  requiresSocialWorkRegistration: boolean;
};

export type Block = {
  code: ComplianceReasonCode;
  /** Who it affects, e.g. "Child-facing services (Group work, Mentoring)" or "All your services". */
  affects: string;
  /** Why, in the associate's own terms. */
  reason: string;
  /** The kind of check to add or renew, to link to its form. */
  fixKind: ComplianceKind;
};

export type BlockReport = { on: IsoDate; isToday: boolean; blocks: Block[] };

const FIX_KIND: Record<ComplianceReasonCode, ComplianceKind> = {
  DBS_MISSING: "DBS_ENHANCED",
  DBS_NOT_SUITABLE: "DBS_ENHANCED",
  DBS_UPDATE_CHECK_OUT_OF_DATE: "DBS_UPDATE_SERVICE",
  SOCIAL_WORK_REGISTRATION_INACTIVE: "PROFESSIONAL_REGISTRATION",
  INSURANCE_MISSING: "INSURANCE",
  INSURANCE_EXPIRES_BEFORE_DELIVERY: "INSURANCE",
  SAFEGUARDING_TRAINING_MISSING: "SAFEGUARDING_TRAINING",
  SAFEGUARDING_TRAINING_OVERDUE: "SAFEGUARDING_TRAINING",
};

function ageText(days: number): string {
  return days === 365 ? "12 months" : `${days} days`;
}

function reasonText(code: ComplianceReasonCode, isToday: boolean, policy: CompliancePolicy): string {
  const age = ageText(policy.maxDbsUpdateCheckAgeDays);
  switch (code) {
    case "DBS_MISSING":
      return "you don't have a verified enhanced DBS check on file, which work with children needs.";
    case "DBS_NOT_SUITABLE":
      return "your DBS check on file isn't an enhanced check for work with children that includes the children's barred list.";
    case "DBS_UPDATE_CHECK_OUT_OF_DATE":
      return isToday
        ? `your DBS Update Service check is more than ${age} old.`
        : `your DBS Update Service check will be more than ${age} old by then.`;
    case "SOCIAL_WORK_REGISTRATION_INACTIVE":
      return isToday
        ? "you don't have an active Social Work England registration on file."
        : "your Social Work England registration on file will have run out by then (it renews each year between 1 September and 30 November).";
    case "INSURANCE_MISSING":
      return "you don't have verified insurance on file.";
    case "INSURANCE_EXPIRES_BEFORE_DELIVERY":
      return isToday ? "your insurance has run out." : "your insurance will have run out by then.";
    case "SAFEGUARDING_TRAINING_MISSING":
      return "you don't have verified safeguarding training on file.";
    case "SAFEGUARDING_TRAINING_OVERDUE":
      return isToday ? "your safeguarding training is past its refresh date." : "your safeguarding training will be past its refresh date by then.";
  }
}

function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

const ROLE_NAME = { LIVED: "lived-experience role", PROFESSIONAL: "professional role" } as const;

/**
 * What the associate can't be offered on each date, and why: `assessCompliance` for every approved
 * service and every role their expertise allows, grouped by reason so each reason is said once.
 */
export function findBlocks({
  records,
  services,
  expertise,
  dates,
  today,
  policy,
}: {
  records: readonly StoredRecord[];
  services: readonly BlockingService[];
  expertise: "LIVED" | "PROFESSIONAL" | "BOTH";
  dates: readonly IsoDate[];
  today: IsoDate;
  policy: CompliancePolicy;
}): BlockReport[] {
  const roles = expertise === "BOTH" ? (["LIVED", "PROFESSIONAL"] as const) : ([expertise] as const);
  const domainRecords = records
    .filter((record) => !record.isRejected)
    .map((record) => ({ kind: record.kind, checkedOn: record.checkedOn, expiresOn: record.expiresOn, details: record.details, isVerified: record.isVerified }));
  return dates.map((on) => {
    const isToday = on === today;
    // reason code → service name → roles it blocks
    const byReason = new Map<ComplianceReasonCode, Map<string, Set<"LIVED" | "PROFESSIONAL">>>();
    for (const service of services) {
      for (const role of roles) {
        const assessment = assessCompliance({ records: domainRecords, service, role, on, policy });
        if (assessment.isAllowed) continue;
        for (const reason of assessment.reasons) {
          const servicesForReason = byReason.get(reason.code) ?? new Map<string, Set<"LIVED" | "PROFESSIONAL">>();
          const blockedRoles = servicesForReason.get(service.name) ?? new Set();
          blockedRoles.add(role);
          servicesForReason.set(service.name, blockedRoles);
          byReason.set(reason.code, servicesForReason);
        }
      }
    }
    const blocks: Block[] = [];
    for (const [code, servicesForReason] of byReason) {
      const group =
        code === "DBS_MISSING" || code === "DBS_NOT_SUITABLE" || code === "DBS_UPDATE_CHECK_OUT_OF_DATE"
          ? "Child-facing services"
          : code === "SOCIAL_WORK_REGISTRATION_INACTIVE"
            ? "Social work roles"
            : null;
      // A reason that is about one role anyway (social work) needs no "(professional role)" after each name.
      const names = [...servicesForReason].map(([name, blockedRoles]) =>
        blockedRoles.size === roles.length || group ? name : `${name} (${ROLE_NAME[[...blockedRoles][0]!]})`,
      );
      const isEveryService = servicesForReason.size === services.length && [...servicesForReason.values()].every((r) => r.size === roles.length);
      const affects = isEveryService && !group ? "All your services" : group ? `${group} (${listNames(names)})` : listNames(names);
      blocks.push({ code, affects, reason: reasonText(code, isToday, policy), fixKind: FIX_KIND[code] });
    }
    return { on, isToday, blocks };
  });
}

// ───────────────────────────── plain-English details ─────────────────────────────

const DBS_LEVEL_TEXT: Record<string, string> = { BASIC: "Basic", STANDARD: "Standard", ENHANCED: "Enhanced" };
const DBS_WORKFORCE_TEXT: Record<string, string> = {
  CHILD: "Children's workforce",
  ADULT: "Adults' workforce",
  CHILD_AND_ADULT: "Children's and adults' workforce",
  OTHER: "Other workforce",
};
export const REGISTRATION_BODY_TEXT: Record<string, string> = {
  SOCIAL_WORK_ENGLAND: "Social Work England",
  HCPC: "Health and Care Professions Council (HCPC)",
};

function text(details: unknown, key: string): string | null {
  if (typeof details !== "object" || details === null) return null;
  const value = (details as Record<string, unknown>)[key];
  return typeof value === "string" && value.trim() ? value : null;
}

/** Label/value pairs describing a record's stored details, for the associate and the director. */
export function describeDetails(record: Pick<StoredRecord, "kind" | "reference" | "checkedOn" | "expiresOn" | "details">): [string, string][] {
  const rows: [string, string][] = [];
  const { details } = record;
  switch (record.kind) {
    case "DBS_ENHANCED": {
      const dbs = readDbsDetails(details);
      rows.push(["Certificate number", record.reference], ["Issued on", formatIsoDate(record.checkedOn)]);
      if (dbs) {
        rows.push(["Level", DBS_LEVEL_TEXT[dbs.level] ?? dbs.level], ["Workforce", DBS_WORKFORCE_TEXT[dbs.workforce] ?? dbs.workforce], ["Children's barred list checked", dbs.barredListChecked ? "Yes" : "No"]);
      }
      break;
    }
    case "DBS_UPDATE_SERVICE": {
      rows.push(["Subscription ID", record.reference], ["Latest status check", formatIsoDate(record.checkedOn)]);
      const certificate = text(details, "certificateNumber");
      if (certificate) rows.push(["Certificate it covers", certificate]);
      break;
    }
    case "PROFESSIONAL_REGISTRATION": {
      const body = text(details, "body");
      if (body) rows.push(["Registered with", REGISTRATION_BODY_TEXT[body] ?? body]);
      rows.push(["Registration number", record.reference], ["Registered or renewed on", formatIsoDate(record.checkedOn)]);
      if (record.expiresOn) rows.push(["Runs to", formatIsoDate(record.expiresOn)]);
      break;
    }
    case "INSURANCE": {
      const insurer = text(details, "insurer");
      if (insurer) rows.push(["Insurer", insurer]);
      rows.push(["Policy number", record.reference], ["Cover starts", formatIsoDate(record.checkedOn)]);
      if (record.expiresOn) rows.push(["Cover ends", formatIsoDate(record.expiresOn)]);
      break;
    }
    case "SAFEGUARDING_TRAINING": {
      const course = text(details, "course");
      const provider = text(details, "provider");
      if (course) rows.push(["Course", course]);
      if (provider) rows.push(["Provider", provider]);
      if (record.reference) rows.push(["Certificate number", record.reference]);
      rows.push(["Completed on", formatIsoDate(record.checkedOn)]);
      if (record.expiresOn) rows.push(["Refresh due by", formatIsoDate(record.expiresOn)]);
      break;
    }
    case "RIGHT_TO_WORK": {
      rows.push(["Document", record.reference], ["Checked on", formatIsoDate(record.checkedOn)]);
      const method = text(details, "method");
      if (method) rows.push(["How it was checked", method]);
      if (record.expiresOn) rows.push(["Valid until", formatIsoDate(record.expiresOn)]);
      break;
    }
  }
  return rows;
}
