import { describe, expect, it } from "vitest";
import { assertCompliant, assessCompliance, listExpiringRecords } from "@/lib/domain/compliance";
import type { ComplianceRecord } from "@/lib/domain/compliance";
import { isDomainError } from "@/lib/domain/errors";

const ON = "2026-06-15";
const childFacing = { childFacing: true, requiresSocialWorkRegistration: false };
const socialWork = { childFacing: true, requiresSocialWorkRegistration: true };
const adultsOnly = { childFacing: false, requiresSocialWorkRegistration: false };

const dbs = (patch: Partial<ComplianceRecord> = {}, details: unknown = { level: "ENHANCED", workforce: "CHILD", barredListChecked: true }): ComplianceRecord => ({
  kind: "DBS_ENHANCED",
  checkedOn: "2023-02-01",
  expiresOn: null,
  details,
  ...patch,
});
const update = (checkedOn: string): ComplianceRecord => ({ kind: "DBS_UPDATE_SERVICE", checkedOn, expiresOn: null });
const insurance = (expiresOn: string): ComplianceRecord => ({ kind: "INSURANCE", checkedOn: "2026-01-01", expiresOn });
const training = (expiresOn: string | null): ComplianceRecord => ({ kind: "SAFEGUARDING_TRAINING", checkedOn: "2025-01-01", expiresOn });
const registration = (expiresOn: string | null, body?: string): ComplianceRecord => ({
  kind: "PROFESSIONAL_REGISTRATION",
  checkedOn: "2025-09-01",
  expiresOn,
  details: body ? { body } : {},
});

const complete = (): ComplianceRecord[] => [dbs(), update("2026-01-10"), insurance("2027-01-01"), training("2027-01-01"), registration("2026-11-30")];
const without = (kind: ComplianceRecord["kind"], ...extra: ComplianceRecord[]) => [...complete().filter((r) => r.kind !== kind), ...extra];

function codesOf(result: ReturnType<typeof assessCompliance>): string[] {
  return result.isAllowed ? [] : result.reasons.map((reason) => reason.code);
}

describe("assessCompliance", () => {
  it.each([
    { rule: "a complete, current record set allows a child-facing professional role", records: complete(), service: socialWork, role: "PROFESSIONAL" as const, expected: [] },
    { rule: "child-facing work with no DBS is blocked", records: without("DBS_ENHANCED"), service: childFacing, role: "LIVED" as const, expected: ["DBS_MISSING"] },
    { rule: "non-child-facing work does not need a DBS", records: without("DBS_ENHANCED"), service: adultsOnly, role: "LIVED" as const, expected: [] },
    { rule: "a STANDARD DBS is not enough for children", records: without("DBS_ENHANCED", dbs({}, { level: "STANDARD", workforce: "CHILD", barredListChecked: true })), service: childFacing, role: "LIVED" as const, expected: ["DBS_NOT_SUITABLE"] },
    { rule: "an enhanced DBS for the ADULT workforce is not enough", records: without("DBS_ENHANCED", dbs({}, { level: "ENHANCED", workforce: "ADULT", barredListChecked: true })), service: childFacing, role: "LIVED" as const, expected: ["DBS_NOT_SUITABLE"] },
    { rule: "an enhanced DBS for CHILD_AND_ADULT workforce is enough", records: without("DBS_ENHANCED", dbs({}, { level: "ENHANCED", workforce: "CHILD_AND_ADULT", barredListChecked: true })), service: childFacing, role: "LIVED" as const, expected: [] },
    { rule: "an enhanced DBS without the barred-list check is not enough", records: without("DBS_ENHANCED", dbs({}, { level: "ENHANCED", workforce: "CHILD", barredListChecked: false })), service: childFacing, role: "LIVED" as const, expected: ["DBS_NOT_SUITABLE"] },
    { rule: "DBS details that are missing or malformed never pass", records: without("DBS_ENHANCED", dbs({}, { level: "enhanced" })), service: childFacing, role: "LIVED" as const, expected: ["DBS_NOT_SUITABLE"] },
    { rule: "an unverified DBS is ignored", records: without("DBS_ENHANCED", dbs({ isVerified: false })), service: childFacing, role: "LIVED" as const, expected: ["DBS_MISSING"] },
    { rule: "the LIVED role never needs social-work registration", records: without("PROFESSIONAL_REGISTRATION"), service: socialWork, role: "LIVED" as const, expected: [] },
    { rule: "a PROFESSIONAL role on a service without the protected title needs no registration", records: without("PROFESSIONAL_REGISTRATION"), service: childFacing, role: "PROFESSIONAL" as const, expected: [] },
    { rule: "a PROFESSIONAL social-work role with no registration is blocked", records: without("PROFESSIONAL_REGISTRATION"), service: socialWork, role: "PROFESSIONAL" as const, expected: ["SOCIAL_WORK_REGISTRATION_INACTIVE"] },
    { rule: "registration expiring on the delivery date is still active", records: without("PROFESSIONAL_REGISTRATION", registration(ON)), service: socialWork, role: "PROFESSIONAL" as const, expected: [] },
    { rule: "registration that expired the day before is inactive", records: without("PROFESSIONAL_REGISTRATION", registration("2026-06-14")), service: socialWork, role: "PROFESSIONAL" as const, expected: ["SOCIAL_WORK_REGISTRATION_INACTIVE"] },
    { rule: "a lapsed registration is fine once the renewal is on file", records: without("PROFESSIONAL_REGISTRATION", registration("2026-06-14"), registration("2027-11-30")), service: socialWork, role: "PROFESSIONAL" as const, expected: [] },
    { rule: "a registration with another body (HCPC) does not count", records: without("PROFESSIONAL_REGISTRATION", registration("2027-01-01", "HCPC")), service: socialWork, role: "PROFESSIONAL" as const, expected: ["SOCIAL_WORK_REGISTRATION_INACTIVE"] },
    { rule: "a Social Work England registration counts", records: without("PROFESSIONAL_REGISTRATION", registration("2027-01-01", "SOCIAL_WORK_ENGLAND")), service: socialWork, role: "PROFESSIONAL" as const, expected: [] },
    { rule: "the body may be written as people write it (\"Social Work England\")", records: without("PROFESSIONAL_REGISTRATION", registration("2027-01-01", "Social Work England")), service: socialWork, role: "PROFESSIONAL" as const, expected: [] },
    { rule: "insurance expiring on the delivery date still covers it", records: without("INSURANCE", insurance(ON)), service: adultsOnly, role: "LIVED" as const, expected: [] },
    { rule: "insurance expiring the day before the delivery blocks", records: without("INSURANCE", insurance("2026-06-14")), service: adultsOnly, role: "LIVED" as const, expected: ["INSURANCE_EXPIRES_BEFORE_DELIVERY"] },
    { rule: "no insurance on file blocks every delivery", records: without("INSURANCE"), service: adultsOnly, role: "LIVED" as const, expected: ["INSURANCE_MISSING"] },
    { rule: "safeguarding training due on the delivery date is not yet overdue", records: without("SAFEGUARDING_TRAINING", training(ON)), service: childFacing, role: "LIVED" as const, expected: [] },
    { rule: "safeguarding training past its refresh date blocks", records: without("SAFEGUARDING_TRAINING", training("2026-06-14")), service: childFacing, role: "LIVED" as const, expected: ["SAFEGUARDING_TRAINING_OVERDUE"] },
    { rule: "safeguarding training with no refresh date never lapses", records: without("SAFEGUARDING_TRAINING", training(null)), service: childFacing, role: "LIVED" as const, expected: [] },
    { rule: "no safeguarding training on file blocks", records: without("SAFEGUARDING_TRAINING"), service: adultsOnly, role: "LIVED" as const, expected: ["SAFEGUARDING_TRAINING_MISSING"] },
    { rule: "every failing rule is reported, not just the first", records: [] as ComplianceRecord[], service: socialWork, role: "PROFESSIONAL" as const, expected: ["DBS_MISSING", "SOCIAL_WORK_REGISTRATION_INACTIVE", "INSURANCE_MISSING", "SAFEGUARDING_TRAINING_MISSING"] },
  ])("$rule", ({ records, service, role, expected }) => {
    expect(codesOf(assessCompliance({ records, service, role, on: ON }))).toEqual(expected);
  });

  // Delivery 2026-06-15 with a 365-day policy: the oldest acceptable check is 2025-06-15.
  it.each([
    { rule: "an Update Service check exactly 365 days old is accepted", certificate: "2020-01-01", updates: ["2025-06-15"], maxAge: 365, expected: [] },
    { rule: "an Update Service check 366 days old is refused", certificate: "2020-01-01", updates: ["2025-06-14"], maxAge: 365, expected: ["DBS_UPDATE_CHECK_OUT_OF_DATE"] },
    { rule: "only the latest Update Service check matters", certificate: "2020-01-01", updates: ["2024-01-01", "2026-05-01"], maxAge: 365, expected: [] },
    { rule: "no Update Service check is fine while the certificate itself is exactly 365 days old", certificate: "2025-06-15", updates: [], maxAge: 365, expected: [] },
    { rule: "no Update Service check and a certificate 366 days old is refused", certificate: "2025-06-14", updates: [], maxAge: 365, expected: ["DBS_UPDATE_CHECK_OUT_OF_DATE"] },
    { rule: "a stricter 30-day policy refuses a 31-day-old check", certificate: "2020-01-01", updates: ["2026-05-15"], maxAge: 30, expected: ["DBS_UPDATE_CHECK_OUT_OF_DATE"] },
    { rule: "a stricter 30-day policy accepts a 30-day-old check", certificate: "2020-01-01", updates: ["2026-05-16"], maxAge: 30, expected: [] },
  ])("$rule", ({ certificate, updates, maxAge, expected }) => {
    const records = [...without("DBS_ENHANCED"), dbs({ checkedOn: certificate })].filter((r) => r.kind !== "DBS_UPDATE_SERVICE");
    records.push(...updates.map(update));
    const result = assessCompliance({ records, service: childFacing, role: "LIVED", on: ON, policy: { maxDbsUpdateCheckAgeDays: maxAge } });
    expect(codesOf(result)).toEqual(expected);
  });

  it("explains a lapse in plain English with UK dates", () => {
    const result = assessCompliance({ records: without("INSURANCE", insurance("2026-06-14")), service: adultsOnly, role: "LIVED", on: ON });
    expect(result).toEqual({
      isAllowed: false,
      reasons: [{ code: "INSURANCE_EXPIRES_BEFORE_DELIVERY", message: "Insurance runs out on 14 June 2026, before the session on 15 June 2026." }],
    });
  });

  it("assertCompliant throws ASSOCIATE_NOT_COMPLIANT carrying the reasons", () => {
    let caught: unknown;
    try {
      assertCompliant({ records: without("INSURANCE"), service: adultsOnly, role: "LIVED", on: ON });
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught, "ASSOCIATE_NOT_COMPLIANT")).toBe(true);
    expect((caught as { details: { reasons: { code: string }[] } }).details.reasons.map((r) => r.code)).toEqual(["INSURANCE_MISSING"]);
    expect(() => assertCompliant({ records: complete(), service: socialWork, role: "PROFESSIONAL", on: ON })).not.toThrow();
  });

  it("rejects a delivery date that is not a real date (INVALID_DATE)", () => {
    expect(() => assessCompliance({ records: complete(), service: adultsOnly, role: "LIVED", on: "2026-06-31" })).toThrow(
      expect.objectContaining({ code: "INVALID_DATE" }),
    );
  });
});

describe("listExpiringRecords (warnings before checks lapse)", () => {
  it.each([
    { rule: "insurance lapsing in exactly 30 days is listed with a 30-day window", records: [insurance("2026-07-15")], days: 30, expected: [["INSURANCE", "2026-07-15", 30]] },
    { rule: "insurance lapsing in 31 days is not listed with a 30-day window", records: [insurance("2026-07-16")], days: 30, expected: [] },
    { rule: "a record valid today only is listed with 0 days left", records: [training(ON)], days: 30, expected: [["SAFEGUARDING_TRAINING", ON, 0]] },
    { rule: "an already lapsed record is not listed (assessCompliance reports it)", records: [insurance("2026-06-14")], days: 30, expected: [] },
    { rule: "a renewal on file silences the warning", records: [insurance("2026-06-20"), insurance("2027-06-20")], days: 30, expected: [] },
    { rule: "records with no expiry are never listed", records: [dbs(), training(null)], days: 3650, expected: [] },
    { rule: "an Update Service check lapses 365 days after it was done", records: [update("2025-06-20")], days: 10, expected: [["DBS_UPDATE_SERVICE", "2026-06-20", 5]] },
    { rule: "soonest first", records: [registration("2026-07-01"), insurance("2026-06-20")], days: 30, expected: [["INSURANCE", "2026-06-20", 5], ["PROFESSIONAL_REGISTRATION", "2026-07-01", 16]] },
  ])("$rule", ({ records, days, expected }) => {
    const result = listExpiringRecords({ records, on: ON, withinDays: days });
    expect(result.map((r) => [r.kind, r.expiresOn, r.daysLeft])).toEqual(expected);
  });
});
