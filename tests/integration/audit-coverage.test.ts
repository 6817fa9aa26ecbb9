/**
 * Audit coverage (issue 7, suite 7): each sensitive read and write, run for real through its use case in
 * lib/server on the seeded demo data, leaves exactly one audit event naming the right action, actor and
 * subject — and no audit event anywhere carries sensitive free text (a story, a DBS certificate number,
 * a director's note about a person's check or claim).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { AssociateActor, DirectorActor } from "@/lib/auth/guards";
import { loadActor } from "@/lib/auth/load-actor";
import type { OrganisationContext } from "@/lib/auth/membership";
import { createPrismaClient } from "@/lib/db/create-client";
import { submitComplianceRecord } from "@/lib/server/associates/compliance";
import { getReceiptForDownload } from "@/lib/server/associates/expenses";
import { updateBenefits, updatePayPreference } from "@/lib/server/associates/money";
import { setConsent, updateLivedExperienceStory } from "@/lib/server/associates/profile";
import { renderJobcentreLetter, renderMonthlyStatement } from "@/lib/server/associates/statements";
import { getAssociateSummary, listAssociatesForDirector } from "@/lib/server/director/associates";
import { getAuditLog } from "@/lib/server/director/audit-log";
import { decideExpenseClaim } from "@/lib/server/director/expense-decisions";
import { getMockInspectionPdf } from "@/lib/server/director/inspections";
import { exportInvoicesCsv, renderDirectorInvoicePdf, renderDirectorInvoiceUbl } from "@/lib/server/director/invoice-documents";
import { issueInvoice } from "@/lib/server/director/invoice-issue";
import { getInvoiceDetail } from "@/lib/server/director/invoices";
import { getPairingBoard } from "@/lib/server/director/pairing-board";
import { approvePayRun, createPayRun, exportPayRunBankCsv, getPayRun, markPayRunPaid, previewPayRun } from "@/lib/server/director/pay-runs";
import { declineComplianceRecord, getChecksReview, verifyComplianceRecord } from "@/lib/server/director/review-checks";
import { renderClientInvoice } from "@/lib/server/invoices/client-invoices";
import { inviteColleague, removeColleague, updateBillingDetails } from "@/lib/server/organisations/organisation-settings";
import { exportOwnData, exportPersonData } from "@/lib/server/privacy/export";
import { findPersonHoldings } from "@/lib/server/privacy/find-person";
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from "@/lib/demo-accounts";
import { seedDemoData } from "@/prisma/seed";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 4 });
afterAll(() => db.$disconnect());

const APP_URL = "http://localhost:3000";
const STORY = "When I was fourteen I moved between five placements in a year; the social worker who listened changed everything.";
const DBS_NUMBER = "001987654321";
const DECLINE_NOTE = "The certificate lists a caution from 2019 that needs a risk assessment before child-facing work.";
const QUERY_NOTE = "The taxi receipt shows a detour to your GP surgery — please split the personal part.";
const INVITED = "new.safeguarding.lead@northshire.example";

type World = {
  director: DirectorActor;
  associate: AssociateActor;
  client: OrganisationContext;
  ids: { claimId: string; queriedClaimId: string; invoiceId: string; invoiceNumber: number; draftInvoiceId: string; payRunId: string; inspectionId: string; deliveryId: string; organisationId: string };
  /** Filled in by rows that create things. */
  created: Record<string, string>;
};
let w: World;

const today = () => new Date().toISOString().slice(0, 10);
const monthOf = (date: Date) => date.toISOString().slice(0, 7);

async function actorByEmail(email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
}

beforeAll(async () => {
  await seedDemoData(db);
  const director = (await actorByEmail(DEMO_ACCOUNTS.find((a) => a.key === "director")!.email)) as DirectorActor;
  const associate = (await actorByEmail(DEMO_ACCOUNTS.find((a) => a.key === "lived-associate")!.email)) as AssociateActor;
  const admin = await actorByEmail(DEMO_ACCOUNTS.find((a) => a.key === "council-admin")!.email);
  const membership = admin.memberships.find((m) => m.slug === DEMO_ORGANISATIONS.council)!;
  const client: OrganisationContext = { actor: admin, organisation: { id: membership.organisationId, slug: membership.slug, name: membership.name }, role: membership.role };

  // Kayla's claims: one gets a receipt (the download rows), another is the one the director queries.
  const claims = await db.expenseClaim.findMany({ where: { associateId: associate.associateId }, orderBy: { createdAt: "asc" }, select: { id: true, status: true } });
  const claim = claims[0] ?? (await makeClaim(associate.associateId));
  await db.expenseReceipt.upsert({
    where: { expenseClaimId: claim.id },
    create: { expenseClaimId: claim.id, filename: "train-ticket.png", contentType: "image/png", sizeBytes: 4, bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    update: {},
  });
  const open = claims.find((c) => c.status === "SUBMITTED") ?? (await makeClaim(associate.associateId));
  const invoice = await db.invoice.findFirstOrThrow({ where: { organisationId: client.organisation.id, number: { not: null } }, orderBy: { number: "asc" }, select: { id: true, number: true } });
  // A draft to issue (the demo data's invoices are all issued already).
  const draft = await db.invoice.create({
    data: {
      organisationId: client.organisation.id,
      purchaseOrderNumber: "PO-AUDIT-1",
      lines: { create: [{ description: "Consultancy day", quantity: 1, unitPricePence: 60_000, vatRateBasisPoints: 2000, netPence: 60_000, vatPence: 12_000 }] },
    },
    select: { id: true },
  });
  const payRun = await db.payRun.findFirstOrThrow({ orderBy: { periodStart: "asc" }, select: { id: true } });
  const inspection = await db.mockInspection.findFirstOrThrow({ select: { id: true } });
  const delivery = await db.delivery.findFirstOrThrow({ where: { status: { in: ["NEEDS_PAIRING", "AWAITING_ACCEPTANCE", "CONFIRMED"] }, startsAt: { gt: new Date() } }, orderBy: { startsAt: "asc" }, select: { id: true } });
  w = {
    director,
    associate,
    client,
    ids: {
      claimId: claim.id,
      queriedClaimId: open.id,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number!,
      draftInvoiceId: draft.id,
      payRunId: payRun.id,
      inspectionId: inspection.id,
      deliveryId: delivery.id,
      organisationId: client.organisation.id,
    },
    created: {},
  };
}, 180_000);

async function makeClaim(associateId: string) {
  const assignment = await db.assignment.findFirstOrThrow({ where: { associateId, status: "ACCEPTED" }, select: { deliveryId: true } });
  return db.expenseClaim.create({
    data: { associateId, deliveryId: assignment.deliveryId, category: "PUBLIC_TRANSPORT", description: "Train to the venue", claimedPence: 1_250, amountPence: 1_250, status: "SUBMITTED" },
    select: { id: true, status: true },
  });
}

/** Returns the subject id the event must name. */
type Row = { useCase: string; actor: (w: World) => Actor; action: string; run: (w: World) => Promise<string> };

const must = <T,>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined) throw new Error(`${what}: nothing returned`);
  return value;
};
const mustOk = <T,>(result: { ok: true; data: T } | { ok: false; message: string }, what: string): T => {
  if (!result.ok) throw new Error(`${what}: ${result.message}`);
  return result.data;
};

const SENSITIVE_READS: Row[] = [
  {
    useCase: "director reads an associate's private summary (benefits, pay, tax, compliance)",
    actor: (w) => w.director,
    action: "associate.summary.read",
    run: async (w) => {
      must(await getAssociateSummary(db, { actor: w.director, unverifiedAssociateId: w.associate.associateId }), "summary");
      return w.associate.associateId;
    },
  },
  {
    useCase: "director lists associates (pay preference and benefits flags)",
    actor: (w) => w.director,
    action: "associates.list.read",
    run: async (w) => {
      must(await listAssociatesForDirector(db, { actor: w.director }), "list");
      return "*";
    },
  },
  {
    useCase: "director reads the compliance review queue (DBS details)",
    actor: (w) => w.director,
    action: "compliance.review.read",
    run: async (w) => {
      must(await getChecksReview({ db, actor: w.director }), "review");
      return "review-queue";
    },
  },
  {
    useCase: "director downloads an associate's expense receipt",
    actor: (w) => w.director,
    action: "expense.receipt.download",
    run: async (w) => {
      must(await getReceiptForDownload(db, { actor: w.director, unverifiedClaimId: w.ids.claimId }), "receipt");
      return w.ids.claimId;
    },
  },
  {
    useCase: "associate downloads their own expense receipt",
    actor: (w) => w.associate,
    action: "expense.receipt.download",
    run: async (w) => {
      must(await getReceiptForDownload(db, { actor: w.associate, unverifiedClaimId: w.ids.claimId }), "receipt");
      return w.ids.claimId;
    },
  },
  {
    useCase: "client admin downloads their invoice PDF",
    actor: (w) => w.client.actor,
    action: "invoice.download",
    run: async (w) => {
      must(await renderClientInvoice(db, { context: w.client, unverifiedNumber: String(w.ids.invoiceNumber) }), "client invoice");
      return w.ids.invoiceId;
    },
  },
  {
    useCase: "director downloads an invoice PDF",
    actor: (w) => w.director,
    action: "invoice.download",
    run: async (w) => {
      must(await renderDirectorInvoicePdf({ db, actor: w.director, unverifiedInvoiceId: w.ids.invoiceId }), "invoice pdf");
      return w.ids.invoiceId;
    },
  },
  {
    useCase: "director downloads an invoice as UBL XML",
    actor: (w) => w.director,
    action: "invoice.download",
    run: async (w) => {
      must(await renderDirectorInvoiceUbl({ db, actor: w.director, unverifiedInvoiceId: w.ids.invoiceId }), "invoice xml");
      return w.ids.invoiceId;
    },
  },
  {
    useCase: "director opens an invoice",
    actor: (w) => w.director,
    action: "invoice.read",
    run: async (w) => {
      must(await getInvoiceDetail({ db, actor: w.director, unverifiedInvoiceId: w.ids.invoiceId }), "invoice detail");
      return w.ids.invoiceId;
    },
  },
  {
    useCase: "director exports all invoices as CSV",
    actor: (w) => w.director,
    action: "invoice.export.csv",
    run: async (w) => {
      must(await exportInvoicesCsv({ db, actor: w.director }), "csv");
      return "export";
    },
  },
  {
    useCase: "director opens a pay run (who is paid what, and how)",
    actor: (w) => w.director,
    action: "payrun.read",
    run: async (w) => {
      must(await getPayRun(db, { actor: w.director, unverifiedPayRunId: w.ids.payRunId }), "pay run");
      return w.ids.payRunId;
    },
  },
  {
    useCase: "director downloads a pay run's bank file",
    actor: (w) => w.director,
    action: "payrun.export",
    run: async (w) => {
      must(await exportPayRunBankCsv(db, { actor: w.director, unverifiedPayRunId: w.ids.payRunId }), "bank file");
      return w.ids.payRunId;
    },
  },
  {
    useCase: "associate downloads a monthly statement",
    actor: (w) => w.associate,
    action: "associate.statement.download",
    run: async (w) => {
      mustOk(await renderMonthlyStatement({ db, actor: w.associate, input: { month: monthOf(new Date(Date.now() - 31 * 86_400_000)) } }), "statement");
      return w.associate.associateId;
    },
  },
  {
    useCase: "associate downloads a letter about their work (for the Jobcentre)",
    actor: (w) => w.associate,
    action: "associate.jobcentre-letter.download",
    run: async (w) => {
      mustOk(await renderJobcentreLetter({ db, actor: w.associate, input: { month: monthOf(new Date(Date.now() - 31 * 86_400_000)) } }), "letter");
      return w.associate.associateId;
    },
  },
  {
    useCase: "director downloads a mock inspection report",
    actor: (w) => w.director,
    action: "mockInspection.download",
    run: async (w) => {
      must(await getMockInspectionPdf({ db, actor: w.director, unverifiedId: w.ids.inspectionId }), "inspection pdf");
      return w.ids.inspectionId;
    },
  },
  {
    useCase: "director opens a pairing board (associates' availability and compliance)",
    actor: (w) => w.director,
    action: "pairing-board.view",
    run: async (w) => {
      must(await getPairingBoard({ db, actor: w.director, unverifiedDeliveryId: w.ids.deliveryId }), "pairing board");
      return w.ids.deliveryId;
    },
  },
  {
    useCase: "director looks a person up for a privacy request",
    actor: (w) => w.director,
    action: "privacy.lookup",
    run: async (w) => {
      mustOk(await findPersonHoldings({ db, actor: w.director, input: { email: w.associate.email } }), "lookup");
      return w.associate.userId;
    },
  },
  {
    useCase: "director exports an associate's personal data (subject access; the one director read path to the story)",
    actor: (w) => w.director,
    action: "privacy.export",
    run: async (w) => {
      mustOk(await exportPersonData({ db, actor: w.director, input: { email: w.associate.email } }), "export");
      return w.associate.userId;
    },
  },
  {
    useCase: "associate downloads their own data",
    actor: (w) => w.associate,
    action: "privacy.export",
    run: async (w) => {
      mustOk(await exportOwnData({ db, actor: w.associate }), "own export");
      return w.associate.userId;
    },
  },
  {
    useCase: "director reads the audit log",
    actor: (w) => w.director,
    action: "audit.read",
    run: async (w) => {
      mustOk(await getAuditLog({ db, actor: w.director, input: {} }), "audit log");
      return must((await db.auditEvent.findFirst({ where: { action: "audit.read" }, orderBy: { at: "desc" }, select: { subjectId: true } }))?.subjectId, "audit.read subject");
    },
  },
];

const SENSITIVE_WRITES: Row[] = [
  {
    useCase: "associate writes their lived-experience story",
    actor: (w) => w.associate,
    action: "associate.story.update",
    run: async (w) => {
      // Seeded Kayla has a story already: this replaces it.
      const existing = await db.livedExperienceStory.findUnique({ where: { associateId: w.associate.associateId }, select: { id: true } });
      if (!existing) mustOk(await updateLivedExperienceStory({ db, actor: w.associate, input: { story: "A first version." } }), "story create");
      mustOk(await updateLivedExperienceStory({ db, actor: w.associate, input: { story: `${STORY} I want other young people to be heard.` } }), "story");
      return (await db.livedExperienceStory.findUniqueOrThrow({ where: { associateId: w.associate.associateId } })).id;
    },
  },
  {
    useCase: "associate deletes their story",
    actor: (w) => w.associate,
    action: "associate.story.delete",
    run: async (w) => {
      const { id } = await db.livedExperienceStory.findUniqueOrThrow({ where: { associateId: w.associate.associateId } });
      mustOk(await updateLivedExperienceStory({ db, actor: w.associate, input: { story: "" } }), "story delete");
      return id;
    },
  },
  {
    useCase: "associate writes a new story",
    actor: (w) => w.associate,
    action: "associate.story.create",
    run: async (w) => {
      mustOk(await updateLivedExperienceStory({ db, actor: w.associate, input: { story: STORY } }), "story create");
      return (await db.livedExperienceStory.findUniqueOrThrow({ where: { associateId: w.associate.associateId } })).id;
    },
  },
  {
    useCase: "associate withdraws marketing consent",
    actor: (w) => w.associate,
    action: "consent.withdraw",
    run: async (w) => {
      const given = await db.consent.findFirst({ where: { associateId: w.associate.associateId, purpose: "MARKETING", withdrawnAt: null } });
      if (!given) mustOk(await setConsent({ db, actor: w.associate, input: { purpose: "MARKETING", decision: "GRANT" } }), "grant first");
      mustOk(await setConsent({ db, actor: w.associate, input: { purpose: "MARKETING", decision: "WITHDRAW" } }), "withdraw");
      return (await db.consent.findFirstOrThrow({ where: { associateId: w.associate.associateId, purpose: "MARKETING" }, orderBy: { withdrawnAt: { sort: "desc", nulls: "last" } } })).id;
    },
  },
  {
    useCase: "associate gives marketing consent",
    actor: (w) => w.associate,
    action: "consent.grant",
    run: async (w) => {
      mustOk(await setConsent({ db, actor: w.associate, input: { purpose: "MARKETING", decision: "GRANT" } }), "grant");
      return (await db.consent.findFirstOrThrow({ where: { associateId: w.associate.associateId, purpose: "MARKETING", withdrawnAt: null } })).id;
    },
  },
  {
    useCase: "associate enters their DBS details",
    actor: (w) => w.associate,
    action: "compliance.submit",
    run: async (w) => {
      const checkedOn = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
      const { id } = mustOk(await submitComplianceRecord({ db, actor: w.associate, input: { kind: "DBS_ENHANCED", reference: DBS_NUMBER, checkedOn, level: "ENHANCED", workforce: "CHILD", barredListChecked: "yes" } }), "submit");
      w.created.complianceId = id;
      return id;
    },
  },
  {
    useCase: "director verifies the DBS details",
    actor: (w) => w.director,
    action: "compliance.verify",
    run: async (w) => {
      mustOk(await verifyComplianceRecord({ db, actor: w.director, input: { unverifiedRecordId: w.created.complianceId } }), "verify");
      return w.created.complianceId!;
    },
  },
  {
    useCase: "director declines a DBS entry with a note",
    actor: (w) => w.director,
    action: "compliance.decline",
    run: async (w) => {
      const checkedOn = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      const { id } = mustOk(await submitComplianceRecord({ db, actor: w.associate, input: { kind: "DBS_ENHANCED", reference: "0019 8765 4322", checkedOn, level: "ENHANCED", workforce: "CHILD", barredListChecked: "yes" } }), "submit");
      mustOk(await declineComplianceRecord({ db, actor: w.director, input: { unverifiedRecordId: id, note: DECLINE_NOTE }, appUrl: APP_URL }), "decline");
      return id;
    },
  },
  {
    useCase: "director queries an expense claim with a note",
    actor: (w) => w.director,
    action: "expense.query",
    run: async (w) => {
      mustOk(await decideExpenseClaim({ db, actor: w.director, input: { decision: "QUERY", unverifiedClaimId: w.ids.queriedClaimId, note: QUERY_NOTE } }), "query");
      return w.ids.queriedClaimId;
    },
  },
  {
    useCase: "associate changes their benefits details",
    actor: (w) => w.associate,
    action: "associate.benefits.update",
    run: async (w) => {
      mustOk(await updateBenefits({ db, actor: w.associate, input: { receivesBenefits: "on", threshold: "183.50", capPeriod: "WEEK" } }), "benefits");
      return w.associate.associateId;
    },
  },
  {
    useCase: "associate changes how they are paid",
    actor: (w) => w.associate,
    action: "associate.pay-preference.update",
    run: async (w) => {
      mustOk(await updatePayPreference({ db, actor: w.associate, input: { payPreference: "VOUCHER", taxStatus: "NOT_SURE" } }), "pay preference");
      return w.associate.associateId;
    },
  },
  {
    useCase: "director creates a pay run",
    actor: (w) => w.director,
    action: "payrun.create",
    run: async (w) => {
      // The most recent month with something to pay.
      for (let back = 0; back < 12; back++) {
        const now = new Date();
        const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
        const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 0)).toISOString().slice(0, 10);
        const preview = await previewPayRun(db, { actor: w.director, input: { periodStart: start, periodEnd: end > today() ? today() : end } });
        if (!preview.ok || preview.data.lineCount === 0) continue;
        const { payRunId } = mustOk(await createPayRun({ db, actor: w.director, input: { periodStart: start, periodEnd: end > today() ? today() : end } }), "create pay run");
        w.created.payRunId = payRunId;
        return payRunId;
      }
      throw new Error("No month with something to pay in the demo data");
    },
  },
  {
    useCase: "director approves the pay run",
    actor: (w) => w.director,
    action: "payrun.approve",
    run: async (w) => {
      mustOk(await approvePayRun({ db, actor: w.director, input: { unverifiedPayRunId: w.created.payRunId } }), "approve");
      return w.created.payRunId!;
    },
  },
  {
    useCase: "director marks the pay run paid",
    actor: (w) => w.director,
    action: "payrun.paid",
    run: async (w) => {
      mustOk(await markPayRunPaid({ db, actor: w.director, input: { unverifiedPayRunId: w.created.payRunId } }), "paid");
      return w.created.payRunId!;
    },
  },
  {
    useCase: "director issues an invoice",
    actor: (w) => w.director,
    action: "invoice.issue",
    run: async (w) => {
      mustOk(await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: w.ids.draftInvoiceId }, appUrl: APP_URL }), "issue");
      return w.ids.draftInvoiceId;
    },
  },
  {
    useCase: "client admin changes billing details",
    actor: (w) => w.client.actor,
    action: "organisation.billing.update",
    run: async (w) => {
      const org = await db.organisation.findUniqueOrThrow({ where: { id: w.ids.organisationId } });
      mustOk(await updateBillingDetails({ db, context: w.client, input: { name: org.name, addressLine1: "County Hall, Room 12", addressLine2: org.addressLine2 ?? "", town: org.town ?? "", postcode: org.postcode ?? "", invoiceEmail: org.invoiceEmail ?? "", vatNumber: org.vatNumber ?? "", poRequired: org.poRequired ? "on" : "" } }), "billing");
      return w.ids.organisationId;
    },
  },
  {
    useCase: "client admin invites a colleague (a new membership and role)",
    actor: (w) => w.client.actor,
    action: "membership.invite",
    run: async (w) => {
      mustOk(await inviteColleague({ db, context: w.client, input: { email: INVITED, role: "ORG_ADMIN" }, appUrl: APP_URL }), "invite");
      return (await db.user.findUniqueOrThrow({ where: { email: INVITED } })).id;
    },
  },
  {
    useCase: "client admin removes the colleague",
    actor: (w) => w.client.actor,
    action: "membership.remove",
    run: async (w) => {
      const user = await db.user.findUniqueOrThrow({ where: { email: INVITED } });
      const membership = await db.membership.findUniqueOrThrow({ where: { userId_organisationId: { userId: user.id, organisationId: w.ids.organisationId } } });
      mustOk(await removeColleague({ db, context: w.client, input: { unverifiedMembershipId: membership.id } }), "remove");
      return user.id;
    },
  },
];

/** Runs one row and answers the audit events it wrote. */
async function runRow(row: Row) {
  const [clock] = await db.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  const since = clock!.now;
  const subjectId = await row.run(w);
  const written = await db.auditEvent.findMany({ where: { at: { gte: since } }, orderBy: { at: "asc" }, select: { action: true, actorId: true, subjectId: true, data: true } });
  return { subjectId, written, matching: written.filter((e) => e.action === row.action) };
}

const tally = { reads: 0, writes: 0 };

describe("audit coverage: sensitive reads", () => {
  for (const row of SENSITIVE_READS) {
    it(`${row.useCase} → one "${row.action}" event`, async () => {
      const { subjectId, matching } = await runRow(row);
      expect(matching.map((e) => ({ action: e.action, actorId: e.actorId, subjectId: e.subjectId }))).toEqual([{ action: row.action, actorId: row.actor(w).userId, subjectId }]);
      tally.reads++;
    });
  }

  it("the lived-experience story reaches the director only through the audited subject access export, never her everyday views", async () => {
    mustOk(await updateLivedExperienceStory({ db, actor: w.associate, input: { story: STORY } }), "story");
    const views = [
      await getAssociateSummary(db, { actor: w.director, unverifiedAssociateId: w.associate.associateId }),
      await listAssociatesForDirector(db, { actor: w.director }),
      await getChecksReview({ db, actor: w.director }),
      await getPairingBoard({ db, actor: w.director, unverifiedDeliveryId: w.ids.deliveryId }),
    ];
    for (const view of views) expect(JSON.stringify(view)).not.toContain(STORY.slice(0, 30));
    // The export does carry it (that is its purpose), and leaves a privacy.export event (checked in its own row above).
    const exported = mustOk(await exportPersonData({ db, actor: w.director, input: { email: w.associate.email } }), "export");
    expect(exported.json).toContain(STORY.slice(0, 30));
    // And in the code: only the author's profile use case and the privacy requests (export, erasure) touch the story table.
    const root = path.resolve(import.meta.dirname, "..", "..", "lib", "server");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tsx?$/.test(name)) files.push(full);
      }
    };
    walk(root);
    const readers = files
      .filter((file) => /livedExperienceStory|LivedExperienceStory"|story:\s*\{\s*select/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file).split(path.sep).join("/"))
      .filter((file) => !file.startsWith("privacy/"));
    expect(readers).toEqual(["associates/profile.ts"]);
  });
});

describe("audit coverage: sensitive writes", () => {
  for (const row of SENSITIVE_WRITES) {
    it(`${row.useCase} → one "${row.action}" event`, async () => {
      const { subjectId, matching } = await runRow(row);
      expect(matching.map((e) => ({ action: e.action, actorId: e.actorId, subjectId: e.subjectId }))).toEqual([{ action: row.action, actorId: row.actor(w).userId, subjectId }]);
      tally.writes++;
    });
  }
});

describe("audit coverage: no sensitive free text in any audit event", () => {
  it("no story words, DBS numbers, notes about a person's check or claim, or invited addresses in AuditEvent.data", async () => {
    const events = await db.auditEvent.findMany({ select: { action: true, data: true } });
    const records = await db.complianceRecord.findMany({ where: { kind: { in: ["DBS_ENHANCED", "DBS_UPDATE_SERVICE"] } }, select: { reference: true } });
    const stories = await db.livedExperienceStory.findMany({ select: { story: true } });
    const notes = await db.complianceRecord.findMany({ where: { reviewNote: { not: null } }, select: { reviewNote: true } });
    const claimNotes = await db.expenseClaim.findMany({ where: { decisionNote: { not: null } }, select: { decisionNote: true } });
    const forbidden = [
      STORY,
      DECLINE_NOTE,
      QUERY_NOTE,
      INVITED,
      ...records.map((r) => r.reference),
      ...stories.map((s) => s.story),
      ...notes.map((n) => n.reviewNote!),
      ...claimNotes.map((n) => n.decisionNote!),
    ].filter((text) => text.length >= 8);
    const fragments = [...new Set(forbidden.map((text) => text.slice(0, 24)))];
    const offending = events.flatMap((event) => {
      const json = JSON.stringify(event.data);
      return fragments.filter((fragment) => json.includes(fragment)).map((fragment) => `${event.action}: ${fragment}…`);
    });
    expect(offending).toEqual([]);
    // Story events record only a length.
    const storyEvents = await db.auditEvent.findMany({ where: { subject: "LivedExperienceStory" }, select: { data: true } });
    expect(storyEvents.length).toBeGreaterThanOrEqual(3);
    for (const event of storyEvents) expect(Object.keys(event.data as object).every((key) => key === "length")).toBe(true);
    console.log(`audit-coverage: ${tally.reads}/${SENSITIVE_READS.length} sensitive reads and ${tally.writes}/${SENSITIVE_WRITES.length} sensitive writes audited once each; ${events.length} audit events scanned for ${fragments.length} sensitive texts, ${offending.length} found`);
  });
});
