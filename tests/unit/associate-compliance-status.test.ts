import { describe, expect, it } from "vitest";
import { describeDetails, findBlocks, kindInSentence, type StoredRecord, summariseCompliance } from "@/lib/server/associates/compliance-status";

const TODAY = "2027-03-02";
const POLICY = { maxDbsUpdateCheckAgeDays: 365 };
let sequence = 0;

function record(overrides: Partial<StoredRecord> & Pick<StoredRecord, "kind">): StoredRecord {
  sequence++;
  return {
    id: `r${sequence}`,
    reference: "REF",
    checkedOn: "2026-06-01",
    expiresOn: null,
    details: {},
    isVerified: true,
    isRejected: false,
    reviewNote: null,
    createdAt: new Date(Date.UTC(2026, 0, 1) + sequence * 60_000),
    ...overrides,
  };
}

const GOOD_DBS = { level: "ENHANCED", workforce: "CHILD", barredListChecked: true };
const statusOf = (records: StoredRecord[], kind: StoredRecord["kind"]) => summariseCompliance(records, TODAY, POLICY).find((s) => s.kind === kind)!;

describe("summariseCompliance: the status of each kind of check", () => {
  it.each([
    ["nothing on file is MISSING", [], "MISSING", null],
    ["an unverified entry only is WAITING", [record({ kind: "INSURANCE", expiresOn: "2028-01-01", isVerified: false })], "WAITING", null],
    ["a verified record with 31 days left is VERIFIED", [record({ kind: "INSURANCE", expiresOn: "2027-04-02" })], "VERIFIED", 31],
    ["30 days left is EXPIRING", [record({ kind: "INSURANCE", expiresOn: "2027-04-01" })], "EXPIRING", 30],
    ["the last valid day (0 days left) is EXPIRING, not lapsed", [record({ kind: "INSURANCE", expiresOn: TODAY })], "EXPIRING", 0],
    ["expired yesterday is LAPSED", [record({ kind: "INSURANCE", expiresOn: "2027-03-01" })], "LAPSED", null],
    [
      "a lapsed record with a renewal waiting is WAITING",
      [record({ kind: "INSURANCE", expiresOn: "2027-03-01" }), record({ kind: "INSURANCE", expiresOn: "2028-03-01", isVerified: false })],
      "WAITING",
      null,
    ],
    [
      "a lapsed record whose renewal was turned down is NOT_ACCEPTED",
      [record({ kind: "INSURANCE", expiresOn: "2027-03-01" }), record({ kind: "INSURANCE", expiresOn: "2028-03-01", isVerified: false, isRejected: true, reviewNote: "Wrong policy" })],
      "NOT_ACCEPTED",
      null,
    ],
    [
      "a valid verified record stays VERIFIED when a later entry is turned down",
      [record({ kind: "INSURANCE", expiresOn: "2028-01-01" }), record({ kind: "INSURANCE", expiresOn: "2029-01-01", isVerified: false, isRejected: true })],
      "VERIFIED",
      305,
    ],
  ] as const)("%s", (_name, records, status, daysLeft) => {
    const summary = statusOf([...records], "INSURANCE");
    expect(summary.status).toBe(status);
    expect(summary.current?.daysLeft ?? null).toBe(daysLeft);
  });

  it("an Update Service check without a stored expiry counts for the policy's age (365 days), then lapses", () => {
    expect(statusOf([record({ kind: "DBS_UPDATE_SERVICE", checkedOn: "2026-03-02" })], "DBS_UPDATE_SERVICE")).toMatchObject({ status: "EXPIRING", current: { validUntil: "2027-03-02", daysLeft: 0 } });
    expect(statusOf([record({ kind: "DBS_UPDATE_SERVICE", checkedOn: "2026-03-01" })], "DBS_UPDATE_SERVICE").status).toBe("LAPSED");
  });

  it("the current record is the longest-lasting verified one, and entries are listed newest first", () => {
    const old = record({ kind: "SAFEGUARDING_TRAINING", expiresOn: "2029-01-01" });
    const newer = record({ kind: "SAFEGUARDING_TRAINING", expiresOn: "2028-01-01" });
    const summary = statusOf([old, newer], "SAFEGUARDING_TRAINING");
    expect(summary.current?.id).toBe(old.id);
    expect(summary.entries.map((e) => e.id)).toEqual([newer.id, old.id]);
  });

  it("a verified DBS that isn't for the children's workforce carries a caveat; a suitable one doesn't", () => {
    expect(statusOf([record({ kind: "DBS_ENHANCED", details: { ...GOOD_DBS, workforce: "ADULT" } })], "DBS_ENHANCED").caveat).toContain("doesn't cover child-facing services");
    expect(statusOf([record({ kind: "DBS_ENHANCED", details: GOOD_DBS })], "DBS_ENHANCED")).toMatchObject({ status: "VERIFIED", caveat: null });
  });
});

describe("findBlocks: what can't be offered, grouped by reason", () => {
  const everything = () => [
    record({ kind: "DBS_ENHANCED", checkedOn: "2025-01-01", details: GOOD_DBS }),
    record({ kind: "DBS_UPDATE_SERVICE", checkedOn: "2026-03-25" }),
    record({ kind: "INSURANCE", expiresOn: "2027-03-20" }),
    record({ kind: "SAFEGUARDING_TRAINING", expiresOn: "2029-01-01" }),
  ];
  const services = [
    { name: "Training", childFacing: false, requiresSocialWorkRegistration: false },
    { name: "Group work", childFacing: true, requiresSocialWorkRegistration: false },
    { name: "Mentoring", childFacing: true, requiresSocialWorkRegistration: false },
    { name: "Reflective supervision", childFacing: false, requiresSocialWorkRegistration: true },
  ];

  it("says each reason once with the services it affects, today and on the date 30 days ahead", () => {
    const [today, ahead] = findBlocks({ records: everything(), services, expertise: "LIVED", dates: [TODAY, "2027-04-01"], today: TODAY, policy: POLICY });
    expect(today).toEqual({ on: TODAY, isToday: true, blocks: [] });
    expect(ahead!.isToday).toBe(false);
    expect(ahead!.blocks.map((b) => [b.code, b.affects, b.reason, b.fixKind])).toEqual([
      ["INSURANCE_EXPIRES_BEFORE_DELIVERY", "All your services", "your insurance will have run out by then.", "INSURANCE"],
      ["DBS_UPDATE_CHECK_OUT_OF_DATE", "Child-facing services (Group work and Mentoring)", "your DBS Update Service check will be more than 12 months old by then.", "DBS_UPDATE_SERVICE"],
    ]);
  });

  it("an unverified or turned-down record never lifts a block", () => {
    const records = everything().filter((r) => r.kind !== "DBS_ENHANCED");
    records.push(record({ kind: "DBS_ENHANCED", details: GOOD_DBS, isVerified: false }), record({ kind: "DBS_ENHANCED", details: GOOD_DBS, isVerified: false, isRejected: true }));
    const [today] = findBlocks({ records, services, expertise: "LIVED", dates: [TODAY], today: TODAY, policy: POLICY });
    expect(today!.blocks.map((b) => [b.code, b.affects])).toEqual([["DBS_MISSING", "Child-facing services (Group work and Mentoring)"]]);
  });

  it("for someone with both kinds of expertise, a reason that blocks one role names the role; social work needs no role named", () => {
    const records = [...everything(), record({ kind: "INSURANCE", expiresOn: "2030-01-01" })];
    const [today] = findBlocks({ records, services, expertise: "BOTH", dates: [TODAY], today: TODAY, policy: POLICY });
    expect(today!.blocks.map((b) => [b.code, b.affects, b.reason])).toEqual([
      ["SOCIAL_WORK_REGISTRATION_INACTIVE", "Social work roles (Reflective supervision)", "you don't have an active Social Work England registration on file."],
    ]);
  });
});

describe("describeDetails", () => {
  it("puts a DBS certificate's stored details into plain English", () => {
    expect(describeDetails({ kind: "DBS_ENHANCED", reference: "001234567890", checkedOn: "2027-02-20", expiresOn: null, details: { level: "ENHANCED", workforce: "CHILD_AND_ADULT", barredListChecked: false } })).toEqual([
      ["Certificate number", "001234567890"],
      ["Issued on", "20 February 2027"],
      ["Level", "Enhanced"],
      ["Workforce", "Children's and adults' workforce"],
      ["Children's barred list checked", "No"],
    ]);
    expect(describeDetails({ kind: "PROFESSIONAL_REGISTRATION", reference: "SW1", checkedOn: "2026-10-10", expiresOn: "2027-11-30", details: { body: "SOCIAL_WORK_ENGLAND" } })[0]).toEqual(["Registered with", "Social Work England"]);
  });
});

describe("kindInSentence", () => {
  it.each([
    ["INSURANCE", "insurance"],
    ["DBS_ENHANCED", "enhanced DBS check"],
    ["DBS_UPDATE_SERVICE", "DBS Update Service check"],
  ] as const)("%s reads as '%s' mid-sentence (acronyms keep their capitals)", (kind, expected) => {
    expect(kindInSentence(kind)).toBe(expected);
  });
});
