/**
 * The demo seed (prisma/seed.ts) against a real, migrated, empty PostgreSQL database.
 *
 * The integration harness gives each test file a fresh migrated database through DATABASE_URL.
 * (When tests/setup/test-db.ts exists, `createTestDb()` can replace the client set-up below.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../lib/db/create-client";
import type { PrismaClient } from "../../lib/db/generated/prisma/client";
import {
  AssignmentRole,
  AssignmentStatus,
  ComplianceKind,
  DeliveryStatus,
  EngagementStatus,
  Expertise,
  InvoiceStatus,
  MembershipRole,
  PlatformRole,
  QualificationStatus,
} from "../../lib/db/generated/prisma/enums";
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from "../../lib/demo-accounts";
import { type SeedSummary, seedDemoData, vatOnLine } from "../../prisma/seed";

/** A Wednesday four days before the clocks go back, so the future work spans a DST change. */
const NOW = new Date("2026-10-21T08:00:00Z");
/** Today's calendar date as stored in `@db.Date` columns. */
const TODAY = new Date(Date.UTC(2026, 9, 21));
const DAY = 86_400_000;

const SERVICE_SLUGS = [
  "training",
  "consultancy",
  "mock-inspection",
  "reflective-supervision",
  "group-work",
  "team-building",
  "mentoring",
  "therapeutic-support",
];

let db: PrismaClient;
let first: SeedSummary;

async function tableCounts(client: PrismaClient) {
  const entries = await Promise.all(
    Object.entries({
      users: client.user.count(),
      memberships: client.membership.count(),
      organisations: client.organisation.count(),
      associates: client.associate.count(),
      stories: client.livedExperienceStory.count(),
      consents: client.consent.count(),
      qualifications: client.qualification.count(),
      compliance: client.complianceRecord.count(),
      rules: client.availabilityRule.count(),
      timeOff: client.timeOff.count(),
      overrides: client.availabilityOverride.count(),
      services: client.service.count(),
      engagements: client.engagement.count(),
      quotes: client.quote.count(),
      deliveries: client.delivery.count(),
      assignments: client.assignment.count(),
      attendees: client.attendee.count(),
      feedback: client.feedback.count(),
      invoices: client.invoice.count(),
      invoiceLines: client.invoiceLine.count(),
      payRuns: client.payRun.count(),
      payments: client.associatePayment.count(),
      expenses: client.expenseClaim.count(),
      alerts: client.alert.count(),
      policies: client.policySetting.count(),
      sequences: client.numberSequence.count(),
    }).map(async ([name, count]) => [name, await count] as const),
  );
  return Object.fromEntries(entries);
}

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("seed.test.ts needs DATABASE_URL pointing at a fresh, migrated database.");
  db = createPrismaClient(url, { max: 4 });
  if ((await db.user.count()) > 0) {
    throw new Error("seed.test.ts needs an empty database, but users already exist. Give it a fresh migrated database.");
  }
  first = await seedDemoData(db, { now: NOW });
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("seedDemoData", () => {
  it("reports what it created", async () => {
    expect(first.alreadySeeded).toBe(false);
    expect(first).toMatchObject({
      users: await db.user.count(),
      associates: await db.associate.count(),
      organisations: await db.organisation.count(),
      services: 8,
      engagements: await db.engagement.count(),
      deliveries: await db.delivery.count(),
      invoices: await db.invoice.count(),
    });
  });

  it("creates every demo account with its role and organisation", async () => {
    const users = await db.user.findMany({
      where: { email: { in: DEMO_ACCOUNTS.map((account) => account.email) } },
      include: { associate: true, memberships: { include: { organisation: true } } },
    });
    const byKey = new Map(DEMO_ACCOUNTS.map((account) => [account.key, users.find((user) => user.email === account.email)]));
    expect(users).toHaveLength(DEMO_ACCOUNTS.length);
    expect(byKey.get("director")?.platformRole).toBe(PlatformRole.DIRECTOR);
    expect(byKey.get("lived-associate")?.associate?.expertise).toBe(Expertise.LIVED);
    expect(byKey.get("professional-associate")?.associate?.expertise).toBe(Expertise.PROFESSIONAL);
    const membership = (key: (typeof DEMO_ACCOUNTS)[number]["key"]) => {
      const user = byKey.get(key);
      expect(user?.platformRole).toBe(PlatformRole.CLIENT);
      return user?.memberships.map((m) => [m.organisation.slug, m.role]);
    };
    expect(membership("council-admin")).toEqual([[DEMO_ORGANISATIONS.council, MembershipRole.ORG_ADMIN]]);
    expect(membership("council-booker")).toEqual([[DEMO_ORGANISATIONS.council, MembershipRole.BOOKER]]);
    expect(membership("home-admin")).toEqual([[DEMO_ORGANISATIONS.home, MembershipRole.ORG_ADMIN]]);
    expect(membership("charity-admin")).toEqual([[DEMO_ORGANISATIONS.charity, MembershipRole.ORG_ADMIN]]);
  });

  it("has at least 12 associates with lived, professional and both kinds of expertise", async () => {
    const associates = await db.associate.findMany({ include: { user: true, consents: true } });
    expect(associates.length).toBeGreaterThanOrEqual(12);
    const count = (expertise: Expertise) => associates.filter((a) => a.expertise === expertise).length;
    expect(count(Expertise.LIVED)).toBeGreaterThanOrEqual(5);
    expect(count(Expertise.PROFESSIONAL)).toBeGreaterThanOrEqual(5);
    expect(count(Expertise.BOTH)).toBeGreaterThanOrEqual(2);
    for (const a of associates) {
      expect(a.user.platformRole).toBe(PlatformRole.ASSOCIATE);
      expect(a.consents.some((c) => c.purpose === "MATCHING" && !c.withdrawnAt)).toBe(true);
      // A public lived-experience note only with live consent to publish it.
      if (a.publicLivedExperienceNote) {
        expect(a.expertise).not.toBe(Expertise.PROFESSIONAL);
        expect(a.consents.some((c) => c.purpose === "PUBLISHED_BIO" && !c.withdrawnAt)).toBe(true);
      }
    }
    expect(associates.filter((a) => a.receivesBenefits && a.earningsCapPence && a.capPeriod && a.benefitsAdviceOfferedOn)).toHaveLength(2);
    expect(new Set(associates.map((a) => a.payPreference))).toEqual(
      new Set(["BANK_TRANSFER", "VOUCHER", "CHARITY", "EXPENSES_ONLY"]),
    );
  });

  it("has the eight services, each with several approved lived and professional associates", async () => {
    const services = await db.service.findMany({
      include: {
        qualifications: {
          where: { status: QualificationStatus.APPROVED },
          include: { associate: { include: { complianceRecords: { where: { kind: ComplianceKind.PROFESSIONAL_REGISTRATION } } } } },
        },
      },
    });
    expect(services.map((s) => s.slug).sort()).toEqual([...SERVICE_SLUGS].sort());
    for (const service of services) {
      expect(service.livedRequired).toBeGreaterThanOrEqual(1);
      expect(service.professionalRequired).toBeGreaterThanOrEqual(1);
      const lived = service.qualifications.filter((q) => q.associate.expertise !== Expertise.PROFESSIONAL);
      const professional = service.qualifications.filter((q) => q.associate.expertise !== Expertise.LIVED);
      expect(lived.length, `${service.slug}: lived`).toBeGreaterThanOrEqual(3);
      expect(professional.length, `${service.slug}: professional`).toBeGreaterThanOrEqual(3);
      if (service.requiresSocialWorkRegistration) {
        const socialWorkers = professional.filter((q) =>
          q.associate.complianceRecords.some((r) => (r.details as { body?: string }).body === "Social Work England"),
        );
        expect(socialWorkers.length, `${service.slug}: social workers`).toBeGreaterThanOrEqual(2);
      }
    }
    const bySlug = new Map(services.map((s) => [s.slug, s]));
    expect(bySlug.get("training")?.bookableOnline).toBe(true);
    expect(bySlug.get("mock-inspection")?.bookableOnline).toBe(false);
    for (const slug of ["group-work", "mentoring", "therapeutic-support"]) expect(bySlug.get(slug)?.childFacing).toBe(true);
    for (const slug of ["mock-inspection", "reflective-supervision"]) expect(bySlug.get(slug)?.requiresSocialWorkRegistration).toBe(true);
  });

  it("has the demo organisations with billing details", async () => {
    const organisations = await db.organisation.findMany();
    expect(organisations.length).toBeGreaterThanOrEqual(3);
    const council = organisations.find((o) => o.slug === DEMO_ORGANISATIONS.council);
    expect(council).toMatchObject({ kind: "LOCAL_AUTHORITY", poRequired: true, paymentTermsDays: 30 });
    expect(council?.postcode).toMatch(/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/);
    expect(council?.invoiceEmail).toBeTruthy();
    expect(council?.vatNumber).toBeTruthy();
    expect(organisations.find((o) => o.slug === DEMO_ORGANISATIONS.home)?.kind).toBe("CHILDRENS_HOME");
    expect(organisations.find((o) => o.slug === DEMO_ORGANISATIONS.charity)).toBeTruthy();
  });

  it("has an engagement in every state, with sequential unique references", async () => {
    const engagements = await db.engagement.findMany({ include: { deliveries: true, quotes: true } });
    const statuses = new Set(engagements.map((e) => e.status));
    for (const status of Object.values(EngagementStatus)) {
      if (status === EngagementStatus.INVOICED) continue;
      expect(statuses.has(status), status).toBe(true);
    }
    for (const e of engagements) expect(e.reference).toMatch(/^GT-\d{4}-\d{4}$/);
    expect(new Set(engagements.map((e) => e.reference)).size).toBe(engagements.length);

    const requested = engagements.find((e) => e.status === EngagementStatus.REQUESTED);
    expect(requested?.needs).toBeTruthy();
    expect(requested?.deliveries).toHaveLength(0);
    expect(engagements.find((e) => e.status === EngagementStatus.QUOTED)?.quotes.some((q) => q.status === "SENT")).toBe(true);
    const pending = engagements.find((e) => e.status === EngagementStatus.PENDING_PAYMENT);
    expect(pending?.deliveries.some((d) => d.status === DeliveryStatus.HELD && d.holdExpiresAt && d.holdExpiresAt > NOW)).toBe(true);
    const cancelled = engagements.find((e) => e.status === EngagementStatus.CANCELLED);
    expect(cancelled?.cancelledAt).toBeTruthy();
    expect(cancelled?.cancellationReason).toBeTruthy();
    expect(engagements.some((e) => e.deliveries.filter((d) => d.startsAt > NOW).length >= 6)).toBe(true);

    const past = engagements.flatMap((e) => e.deliveries).filter((d) => d.endsAt < NOW);
    const future = engagements.flatMap((e) => e.deliveries).filter((d) => d.startsAt > NOW);
    expect(past.every((d) => d.status === DeliveryStatus.DELIVERED)).toBe(true);
    expect(future.every((d) => d.status !== DeliveryStatus.DELIVERED)).toBe(true);
    expect(future.some((d) => d.status === DeliveryStatus.NEEDS_PAIRING)).toBe(true);
    expect(await db.alert.count({ where: { kind: "PAIRING_BROKEN", resolvedAt: null } })).toBeGreaterThanOrEqual(1);
  });

  it("has exactly one lapsed insurance and one DBS update check due within 30 days", async () => {
    const lapsedInsurance = await db.complianceRecord.count({ where: { kind: ComplianceKind.INSURANCE, expiresOn: { lt: TODAY } } });
    expect(lapsedInsurance).toBe(1);
    const updateDue = await db.complianceRecord.count({
      where: { kind: ComplianceKind.DBS_UPDATE_SERVICE, expiresOn: { gte: TODAY, lte: new Date(TODAY.getTime() + 30 * DAY) } },
    });
    expect(updateDue).toBe(1);
    expect(await db.complianceRecord.count({ where: { kind: ComplianceKind.DBS_UPDATE_SERVICE, expiresOn: { lt: TODAY } } })).toBe(0);
    const associates = await db.associate.findMany({ include: { complianceRecords: true } });
    for (const a of associates) {
      const kinds = new Set(a.complianceRecords.map((r) => r.kind));
      for (const kind of [
        ComplianceKind.DBS_ENHANCED,
        ComplianceKind.DBS_UPDATE_SERVICE,
        ComplianceKind.SAFEGUARDING_TRAINING,
        ComplianceKind.INSURANCE,
        ComplianceKind.RIGHT_TO_WORK,
      ]) {
        expect(kinds.has(kind), `${a.id} ${kind}`).toBe(true);
      }
      const dbs = a.complianceRecords.find((r) => r.kind === ComplianceKind.DBS_ENHANCED);
      expect(dbs?.details).toEqual({ level: "ENHANCED", workforce: "CHILD_AND_ADULT", barredListChecked: true });
    }
  });

  it("numbers invoices 1..n without gaps, with lines and totals that add up", async () => {
    const invoices = await db.invoice.findMany({ include: { lines: true, organisation: true }, orderBy: { number: "asc" } });
    const numbers = invoices.map((i) => i.number);
    expect(numbers).toEqual(invoices.map((_, index) => index + 1));
    for (const invoice of invoices) {
      expect(invoice.status).not.toBe(InvoiceStatus.DRAFT);
      expect(invoice.lines.length).toBeGreaterThan(0);
      for (const line of invoice.lines) {
        expect(line.netPence).toBe(line.quantity * line.unitPricePence);
        expect(line.vatPence).toBe(vatOnLine(line.netPence, line.vatRateBasisPoints));
      }
      expect(invoice.subtotalPence).toBe(invoice.lines.reduce((sum, line) => sum + line.netPence, 0));
      expect(invoice.vatPence).toBe(invoice.lines.reduce((sum, line) => sum + line.vatPence, 0));
      expect(invoice.totalPence).toBe(invoice.subtotalPence + invoice.vatPence);
      expect((invoice.billingSnapshot as { name?: string }).name).toBe(invoice.organisation.name);
      if (invoice.organisation.poRequired) expect(invoice.purchaseOrderNumber).toBeTruthy();
      if (invoice.status === InvoiceStatus.PAID) expect(invoice.paidAt).toBeTruthy();
    }
    const issued = invoices.filter((i) => i.status === InvoiceStatus.ISSUED);
    expect(invoices.some((i) => i.status === InvoiceStatus.PAID)).toBe(true);
    expect(issued.some((i) => i.dueOn! < TODAY)).toBe(true);
    expect(issued.some((i) => i.dueOn! >= TODAY)).toBe(true);
    const sequence = await db.numberSequence.findUnique({ where: { name: "invoice" } });
    expect(sequence?.next).toBe(invoices.length + 1);
    expect(await db.numberSequence.findUnique({ where: { name: "credit-note" } })).toBeTruthy();
  });

  it("never double-books an associate", async () => {
    const [row] = await db.$queryRaw<{ clashes: bigint }[]>`
      SELECT count(*) AS clashes
        FROM "Assignment" a
        JOIN "Assignment" b ON a."associateId" = b."associateId" AND a."id" < b."id"
       WHERE a."status" IN ('HELD', 'OFFERED', 'ACCEPTED')
         AND b."status" IN ('HELD', 'OFFERED', 'ACCEPTED')
         AND tstzrange(a."blockedFrom", a."blockedUntil", '[)') && tstzrange(b."blockedFrom", b."blockedUntil", '[)')`;
    expect(Number(row?.clashes)).toBe(0);
  });

  it("pairs every confirmed or delivered session with an accepted lived and professional associate", async () => {
    const deliveries = await db.delivery.findMany({
      where: { status: { in: [DeliveryStatus.CONFIRMED, DeliveryStatus.DELIVERED] } },
      include: { assignments: { where: { status: AssignmentStatus.ACCEPTED } } },
    });
    expect(deliveries.length).toBeGreaterThan(0);
    for (const d of deliveries) {
      const lived = d.assignments.filter((a) => a.role === AssignmentRole.LIVED);
      const professional = d.assignments.filter((a) => a.role === AssignmentRole.PROFESSIONAL);
      expect(lived.length).toBeGreaterThanOrEqual(1);
      expect(professional.length).toBeGreaterThanOrEqual(1);
      expect(new Set(d.assignments.map((a) => a.associateId)).size).toBe(d.assignments.length);
    }
  });

  it("gives the demo associates upcoming sessions and an offer to answer", async () => {
    for (const key of ["lived-associate", "professional-associate"] as const) {
      const email = DEMO_ACCOUNTS.find((account) => account.key === key)!.email;
      const assignments = await db.assignment.findMany({
        where: { associate: { user: { email } }, delivery: { startsAt: { gt: NOW } } },
        include: { delivery: true },
      });
      const confirmed = assignments.filter((a) => a.status === AssignmentStatus.ACCEPTED && a.delivery.status === DeliveryStatus.CONFIRMED);
      const offered = assignments.filter((a) => a.status === AssignmentStatus.OFFERED && a.expiresAt && a.expiresAt > NOW);
      expect(confirmed.length, key).toBeGreaterThanOrEqual(1);
      expect(offered.length, key).toBeGreaterThanOrEqual(1);
    }
  });

  it("gives the council and the children's home upcoming sessions and invoices to pay", async () => {
    for (const slug of [DEMO_ORGANISATIONS.council, DEMO_ORGANISATIONS.home]) {
      const upcoming = await db.delivery.count({ where: { engagement: { organisation: { slug } }, startsAt: { gt: NOW } } });
      const unpaid = await db.invoice.count({ where: { organisation: { slug }, status: InvoiceStatus.ISSUED } });
      expect(upcoming, slug).toBeGreaterThan(0);
      expect(unpaid, slug).toBeGreaterThan(0);
    }
  });

  it("seeds the policy settings", async () => {
    const settings = await db.policySetting.findMany();
    const value = (key: string) => settings.find((s) => s.key === key)?.value;
    expect(value("dbs.maxUpdateCheckAgeDays")).toBe(365);
    expect(value("benefits.weeklyHoursWarning")).toBe(16);
    expect(value("hmrc.mileagePencePerMile")).toBe(45);
    expect(value("hold.minutes")).toBe(15);
    expect(value("offer.hours")).toBe(48);
    for (const s of settings) expect(s.effectiveFrom.getTime()).toBeLessThanOrEqual(TODAY.getTime());
  });

  it("changes nothing when run a second time", async () => {
    const before = await tableCounts(db);
    const second = await seedDemoData(db, { now: new Date(NOW.getTime() + 3 * DAY) });
    expect(second.alreadySeeded).toBe(true);
    expect(await tableCounts(db)).toEqual(before);
    expect(second).toMatchObject({
      users: first.users,
      associates: first.associates,
      organisations: first.organisations,
      services: first.services,
      engagements: first.engagements,
      deliveries: first.deliveries,
      invoices: first.invoices,
    });
  });
});
