import { DomainError } from "@/lib/domain/errors";
import type { AssignmentRole } from "@/lib/domain/roles";
import { addDays, assertIsoDate, countDaysBetween, formatIsoDate } from "@/lib/domain/time/calendar-date";
import type { IsoDate } from "@/lib/domain/time/calendar-date";

/**
 * Compliance gating: whether an associate's checks allow them to take a role on a delivery date.
 * All dates are calendar dates ('YYYY-MM-DD'); the delivery date is its date in Europe/London.
 * A record is "valid on" a date when it has no expiry or expires on or after that date.
 */
export const ComplianceKind = {
  DBS_ENHANCED: "DBS_ENHANCED",
  DBS_UPDATE_SERVICE: "DBS_UPDATE_SERVICE",
  SAFEGUARDING_TRAINING: "SAFEGUARDING_TRAINING",
  PROFESSIONAL_REGISTRATION: "PROFESSIONAL_REGISTRATION",
  INSURANCE: "INSURANCE",
  RIGHT_TO_WORK: "RIGHT_TO_WORK",
} as const;
export type ComplianceKind = (typeof ComplianceKind)[keyof typeof ComplianceKind];

export type ComplianceRecord = {
  readonly id?: string;
  readonly kind: ComplianceKind;
  /** When the check was done or the certificate issued (for DBS_ENHANCED, the certificate's issue date). */
  readonly checkedOn: IsoDate;
  /** Expiry, renewal or refresh date; null when it does not expire. Valid up to and including this date. */
  readonly expiresOn: IsoDate | null;
  /** Kind-specific detail as stored (JSON); for DBS_ENHANCED `{ level, workforce, barredListChecked }`. */
  readonly details?: unknown;
  /** False while the director has not verified it; unverified records are ignored. Default true. */
  readonly isVerified?: boolean;
};

export type DbsLevel = "BASIC" | "STANDARD" | "ENHANCED";
export type DbsWorkforce = "CHILD" | "ADULT" | "CHILD_AND_ADULT" | "OTHER";
export type DbsDetails = { readonly level: DbsLevel; readonly workforce: DbsWorkforce; readonly barredListChecked: boolean };

export type CompliancePolicy = {
  /** The latest DBS Update Service check may be at most this many days old on the delivery date. */
  readonly maxDbsUpdateCheckAgeDays: number;
};

export const DEFAULT_COMPLIANCE_POLICY: CompliancePolicy = { maxDbsUpdateCheckAgeDays: 365 };

/** The `details.body` a PROFESSIONAL_REGISTRATION needs to count for the protected title "social worker". */
export const SOCIAL_WORK_REGISTRATION_BODY = "SOCIAL_WORK_ENGLAND";

export const ComplianceReasonCode = {
  /** Child-facing work needs an enhanced DBS certificate on file. */
  DBS_MISSING: "DBS_MISSING",
  /** The DBS on file is not enhanced, not for the children's workforce, or has no barred-list check. */
  DBS_NOT_SUITABLE: "DBS_NOT_SUITABLE",
  /** Neither the DBS certificate nor its latest Update Service check is recent enough. */
  DBS_UPDATE_CHECK_OUT_OF_DATE: "DBS_UPDATE_CHECK_OUT_OF_DATE",
  /** The role uses the title "social worker" but Social Work England registration is not active that day. */
  SOCIAL_WORK_REGISTRATION_INACTIVE: "SOCIAL_WORK_REGISTRATION_INACTIVE",
  /** No insurance on file. */
  INSURANCE_MISSING: "INSURANCE_MISSING",
  /** Insurance runs out before the delivery date. */
  INSURANCE_EXPIRES_BEFORE_DELIVERY: "INSURANCE_EXPIRES_BEFORE_DELIVERY",
  /** No safeguarding training on file. */
  SAFEGUARDING_TRAINING_MISSING: "SAFEGUARDING_TRAINING_MISSING",
  /** Safeguarding training is past its refresh date on the delivery date. */
  SAFEGUARDING_TRAINING_OVERDUE: "SAFEGUARDING_TRAINING_OVERDUE",
} as const;
export type ComplianceReasonCode = (typeof ComplianceReasonCode)[keyof typeof ComplianceReasonCode];

export type ComplianceReason = { readonly code: ComplianceReasonCode; readonly message: string };

export type ComplianceAssessment =
  | { readonly isAllowed: true }
  | { readonly isAllowed: false; readonly reasons: readonly ComplianceReason[] };

export type ComplianceService = { readonly childFacing: boolean; readonly requiresSocialWorkRegistration: boolean };

const DBS_LEVELS: readonly string[] = ["BASIC", "STANDARD", "ENHANCED"];
const DBS_WORKFORCES: readonly string[] = ["CHILD", "ADULT", "CHILD_AND_ADULT", "OTHER"];

/** Reads DBS details from stored JSON; null when they are missing or malformed (which never passes a check). */
export function readDbsDetails(details: unknown): DbsDetails | null {
  if (typeof details !== "object" || details === null) return null;
  const { level, workforce, barredListChecked } = details as Record<string, unknown>;
  if (typeof level !== "string" || !DBS_LEVELS.includes(level)) return null;
  if (typeof workforce !== "string" || !DBS_WORKFORCES.includes(workforce)) return null;
  if (typeof barredListChecked !== "boolean") return null;
  return { level: level as DbsLevel, workforce: workforce as DbsWorkforce, barredListChecked };
}

/** Tells whether a DBS certificate covers regulated activity with children (enhanced, child workforce, barred list). */
export function isDbsSuitableForChildren(details: DbsDetails | null): boolean {
  return (
    details !== null &&
    details.level === "ENHANCED" &&
    (details.workforce === "CHILD" || details.workforce === "CHILD_AND_ADULT") &&
    details.barredListChecked
  );
}

/** Tells whether a record has not expired on `on` (an expiry date is the last valid day). */
export function isRecordValidOn(record: Pick<ComplianceRecord, "expiresOn">, on: IsoDate): boolean {
  return record.expiresOn === null || record.expiresOn >= on;
}

function isSocialWorkRegistration(record: ComplianceRecord): boolean {
  if (typeof record.details !== "object" || record.details === null) return true;
  const body = (record.details as Record<string, unknown>).body;
  // "Social Work England", "social-work-england" and SOCIAL_WORK_ENGLAND all name the same body.
  return body === undefined || (typeof body === "string" && body.trim().toUpperCase().replace(/[^A-Z]+/g, "_") === SOCIAL_WORK_REGISTRATION_BODY);
}

function pickLatest(records: readonly ComplianceRecord[], by: (r: ComplianceRecord) => IsoDate | null): ComplianceRecord | undefined {
  let best: ComplianceRecord | undefined;
  for (const record of records) {
    const value = by(record);
    const bestValue = best ? by(best) : undefined;
    // null sorts last-latest: it means "never expires".
    if (!best || value === null || (bestValue !== null && bestValue !== undefined && value > bestValue)) best = record;
  }
  return best;
}

/**
 * Whether the associate's compliance records allow them to take `role` on a delivery on `on`:
 * - child-facing services need an enhanced DBS for the children's workforce with a barred-list check,
 *   and its latest Update Service check must be at most `policy.maxDbsUpdateCheckAgeDays` old on `on`
 *   — unless the certificate itself was issued within that time;
 * - the PROFESSIONAL role on a service that `requiresSocialWorkRegistration` needs Social Work England
 *   registration valid on `on` (a registration record counts unless its `details.body` names another body);
 * - every delivery needs insurance valid on `on` and safeguarding training not past its refresh date.
 * An age of exactly the limit is allowed; one day more is not. Returns every reason that applies, in
 * plain English. RIGHT_TO_WORK is recorded but does not gate (associates are freelancers).
 */
export function assessCompliance({
  records,
  service,
  role,
  on,
  policy = DEFAULT_COMPLIANCE_POLICY,
}: {
  records: readonly ComplianceRecord[];
  service: ComplianceService;
  role: AssignmentRole;
  on: IsoDate;
  policy?: CompliancePolicy;
}): ComplianceAssessment {
  assertIsoDate(on);
  const maxAge = policy.maxDbsUpdateCheckAgeDays;
  if (!Number.isInteger(maxAge) || maxAge < 0) {
    throw new DomainError("INVALID_INPUT", "The DBS update check age must be a whole number of days.", { maxAge });
  }
  const usable = records.filter((record) => record.isVerified !== false);
  for (const record of usable) {
    assertIsoDate(record.checkedOn);
    if (record.expiresOn !== null) assertIsoDate(record.expiresOn);
  }
  const ofKind = (kind: ComplianceKind) => usable.filter((record) => record.kind === kind);
  const reasons: ComplianceReason[] = [];
  const sessionDate = formatIsoDate(on);

  if (service.childFacing) {
    const certificates = ofKind("DBS_ENHANCED");
    const suitable = certificates.filter(
      (record) => isDbsSuitableForChildren(readDbsDetails(record.details)) && isRecordValidOn(record, on),
    );
    const latestCertificate = pickLatest(suitable, (record) => record.checkedOn);
    if (!latestCertificate) {
      reasons.push(
        certificates.length === 0
          ? { code: "DBS_MISSING", message: "There is no enhanced DBS check on file, which work with children needs." }
          : {
              code: "DBS_NOT_SUITABLE",
              message:
                "The DBS check on file is not an enhanced check for work with children that includes the barred list.",
            },
      );
    } else {
      const oldestAllowed = addDays(on, -maxAge);
      const latestUpdate = pickLatest(ofKind("DBS_UPDATE_SERVICE"), (record) => record.checkedOn);
      const isCertificateRecent = latestCertificate.checkedOn >= oldestAllowed;
      const isUpdateRecent = latestUpdate !== undefined && latestUpdate.checkedOn >= oldestAllowed;
      if (!isCertificateRecent && !isUpdateRecent) {
        reasons.push({
          code: "DBS_UPDATE_CHECK_OUT_OF_DATE",
          message: latestUpdate
            ? `The DBS Update Service was last checked on ${formatIsoDate(latestUpdate.checkedOn)}, more than ${maxAge} days before the session on ${sessionDate}.`
            : `The DBS certificate is from ${formatIsoDate(latestCertificate.checkedOn)} and the DBS Update Service has not been checked since; it must be checked within ${maxAge} days of the session.`,
        });
      }
    }
  }

  if (role === "PROFESSIONAL" && service.requiresSocialWorkRegistration) {
    const registrations = ofKind("PROFESSIONAL_REGISTRATION").filter(isSocialWorkRegistration);
    if (!registrations.some((record) => isRecordValidOn(record, on))) {
      const latest = pickLatest(registrations, (record) => record.expiresOn);
      reasons.push({
        code: "SOCIAL_WORK_REGISTRATION_INACTIVE",
        message: latest?.expiresOn
          ? `Social Work England registration ran out on ${formatIsoDate(latest.expiresOn)}, before the session on ${sessionDate}.`
          : "There is no Social Work England registration on file, which this role needs.",
      });
    }
  }

  const insurance = ofKind("INSURANCE");
  if (insurance.length === 0) {
    reasons.push({ code: "INSURANCE_MISSING", message: "There is no insurance on file." });
  } else if (!insurance.some((record) => isRecordValidOn(record, on))) {
    const latest = pickLatest(insurance, (record) => record.expiresOn);
    reasons.push({
      code: "INSURANCE_EXPIRES_BEFORE_DELIVERY",
      message: `Insurance runs out on ${formatIsoDate(latest!.expiresOn!)}, before the session on ${sessionDate}.`,
    });
  }

  const training = ofKind("SAFEGUARDING_TRAINING");
  if (training.length === 0) {
    reasons.push({ code: "SAFEGUARDING_TRAINING_MISSING", message: "There is no safeguarding training on file." });
  } else if (!training.some((record) => isRecordValidOn(record, on))) {
    const latest = pickLatest(training, (record) => record.expiresOn);
    reasons.push({
      code: "SAFEGUARDING_TRAINING_OVERDUE",
      message: `Safeguarding training was due to be refreshed by ${formatIsoDate(latest!.expiresOn!)}, before the session on ${sessionDate}.`,
    });
  }

  return reasons.length === 0 ? { isAllowed: true } : { isAllowed: false, reasons };
}

/** Throws ASSOCIATE_NOT_COMPLIANT (with the reasons in `details`) unless `assessCompliance` allows it. */
export function assertCompliant(input: Parameters<typeof assessCompliance>[0]): void {
  const assessment = assessCompliance(input);
  if (!assessment.isAllowed) {
    throw new DomainError("ASSOCIATE_NOT_COMPLIANT", assessment.reasons.map((r) => r.message).join(" "), {
      reasons: assessment.reasons,
    });
  }
}

export type ExpiringRecord = {
  readonly kind: ComplianceKind;
  readonly record: ComplianceRecord;
  /** The date it stops being valid after: its expiry, or for an Update Service check, checkedOn + policy age. */
  readonly expiresOn: IsoDate;
  /** Days from `on` to `expiresOn`; 0 means it is valid today only. */
  readonly daysLeft: number;
};

/**
 * Records that will lapse within `withinDays` of `on` (inclusive), for warnings before they block work.
 * Only the latest-lasting record of each kind counts, so a renewal already on file silences the
 * warning. An Update Service check "lapses" `maxDbsUpdateCheckAgeDays` after it was done. Already
 * lapsed records are not listed (`assessCompliance` reports those). Sorted by date, then kind.
 */
export function listExpiringRecords({
  records,
  on,
  withinDays,
  policy = DEFAULT_COMPLIANCE_POLICY,
}: {
  records: readonly ComplianceRecord[];
  on: IsoDate;
  withinDays: number;
  policy?: CompliancePolicy;
}): ExpiringRecord[] {
  assertIsoDate(on);
  if (!Number.isInteger(withinDays) || withinDays < 0) {
    throw new DomainError("INVALID_INPUT", "The warning window must be a whole number of days.", { withinDays });
  }
  const effectiveExpiry = (record: ComplianceRecord): IsoDate | null =>
    record.expiresOn ??
    (record.kind === "DBS_UPDATE_SERVICE" ? addDays(record.checkedOn, policy.maxDbsUpdateCheckAgeDays) : null);

  const latestByKind = new Map<ComplianceKind, ComplianceRecord>();
  for (const kind of Object.values(ComplianceKind)) {
    const latest = pickLatest(
      records.filter((record) => record.kind === kind && record.isVerified !== false),
      effectiveExpiry,
    );
    if (latest) latestByKind.set(kind, latest);
  }

  const lastDay = addDays(on, withinDays);
  const expiring: ExpiringRecord[] = [];
  for (const [kind, record] of latestByKind) {
    const expiresOn = effectiveExpiry(record);
    if (expiresOn === null || expiresOn < on || expiresOn > lastDay) continue;
    expiring.push({ kind, record, expiresOn, daysLeft: countDaysBetween(on, expiresOn) });
  }
  return expiring.sort((a, b) => (a.expiresOn < b.expiresOn ? -1 : a.expiresOn > b.expiresOn ? 1 : a.kind < b.kind ? -1 : 1));
}
