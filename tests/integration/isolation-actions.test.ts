/**
 * Tenant isolation for every server action, generated from the code.
 *
 * The suite finds every app/**\/actions.ts, imports it and lists its exported functions; each must have
 * an entry below (a new action without one fails the suite). Each entry calls the real action, through the
 * real session cookie and auth(), as every foreign role — another organisation's admin and booker, an
 * associate who is not on the work, an associate or client reaching for the director's work, an anonymous
 * visitor and a forged cookie — with arguments that point at the victim's real records. Every attempt must
 * end in "not found" (a NOT_FOUND result or Next's notFound()) or a redirect to sign-in, must not mention
 * the victim's data, and must write nothing: every table's row count and row hash is compared before and
 * after each attempt.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Card payments on, pointed at a closed local port: a leak into a Stripe call would show as a refusal
  // other than NOT_FOUND (and never reach the network).
  process.env.STRIPE_SECRET_KEY = "sk_test_isolation_suite";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_isolation_suite";
  process.env.STRIPE_API_URL = "http://127.0.0.1:9";
});

import {
  type ActionFunction,
  type ActionOutcome,
  type Caller,
  callAs,
  changedTables,
  describeOutcome,
  fingerprintDatabase,
  form,
  isRefusal,
  loadActions,
  seedActionWorld,
} from "../support/server-action-harness";

type World = Awaited<ReturnType<typeof buildWorld>>;

/** One foreign attempt: who, with which arguments (aimed at the victim's records). */
type Attempt = { caller: Caller; args: unknown[]; target: string };

type Entry = {
  attempts: (world: World) => Attempt[];
  /**
   * Refusal codes accepted besides NOT_FOUND, with the reason: only for actions that cannot name a
   * victim's record at all, where the refusal is about the caller (not the record) and reveals nothing.
   */
  alsoAccept?: { codes?: string[]; redirectTo?: RegExp; why: string };
};

let world: World;
let actions: Map<string, ActionFunction>;

async function buildWorld() {
  const { db, people, slugs } = await seedActionWorld();
  const now = new Date();

  async function organisationTargets(slug: string) {
    const organisation = await db.organisation.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true, name: true } });
    const upcoming = await db.delivery.findFirstOrThrow({
      where: { status: "CONFIRMED", startsAt: { gt: now }, engagement: { organisationId: organisation.id, attendees: { some: {} } } },
      orderBy: { startsAt: "asc" },
      select: { id: true, engagement: { select: { id: true, reference: true } } },
    });
    const attendee = await db.attendee.findFirstOrThrow({ where: { engagementId: upcoming.engagement.id }, select: { id: true, email: true, name: true, accessToken: true } });
    const delivered = await db.delivery.findFirstOrThrow({
      where: { status: "DELIVERED", engagement: { organisationId: organisation.id, attendees: { some: {} } } },
      select: { id: true, engagement: { select: { reference: true, attendees: { select: { id: true }, take: 3 } } } },
    });
    const quote = await db.quote.findFirstOrThrow({ where: { engagement: { organisationId: organisation.id } }, orderBy: { status: "desc" }, select: { id: true } });
    const invoice = await db.invoice.findFirstOrThrow({ where: { organisationId: organisation.id, status: "ISSUED" }, select: { number: true } });
    const bookerMembership = await db.membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "BOOKER" }, select: { id: true } });
    return {
      organisation,
      slug,
      upcomingDeliveryId: upcoming.id,
      upcomingEngagementId: upcoming.engagement.id,
      upcomingReference: upcoming.engagement.reference,
      attendee,
      deliveredDeliveryId: delivered.id,
      deliveredReference: delivered.engagement.reference,
      deliveredAttendeeIds: delivered.engagement.attendees.map((a) => a.id),
      quoteId: quote.id,
      invoiceNumber: String(invoice.number),
      bookerMembershipId: bookerMembership.id,
    };
  }

  const council = await organisationTargets(slugs.council);
  const home = await organisationTargets(slugs.home);

  // The victim associate is Kayla; other associates' records are reached through her colleagues.
  const kayla = await db.associate.findFirstOrThrow({ where: { user: { email: "kayla@associates.thevision.example" } }, select: { id: true, user: { select: { name: true } } } });
  const offered = await db.assignment.findFirstOrThrow({ where: { associateId: kayla.id, status: "OFFERED" }, select: { id: true } });
  const accepted = await db.assignment.findFirstOrThrow({ where: { associateId: kayla.id, status: "ACCEPTED", delivery: { startsAt: { gt: now } } }, select: { id: true, deliveryId: true } });
  const kaylaTimeOff = await db.timeOff.findFirstOrThrow({ where: { associateId: kayla.id }, select: { id: true } });
  const kaylaRecord = await db.complianceRecord.findFirstOrThrow({ where: { associateId: kayla.id }, select: { id: true } });
  const kaylaQualification = await db.qualification.findFirstOrThrow({ where: { associateId: kayla.id, status: "PENDING" }, select: { id: true } });
  const othersOverride = await db.availabilityOverride.findFirstOrThrow({ select: { id: true } });
  const samClaim = await db.expenseClaim.findFirstOrThrow({ where: { associate: { user: { email: "sam@associates.thevision.example" } }, status: "SUBMITTED" }, select: { id: true } });

  // The director's own work in progress: a draft invoice (with a line), a requested engagement, a
  // delivery that needs pairing, the draft mock inspection, a service.
  const invoiceable = await db.delivery.findFirstOrThrow({
    where: { status: "DELIVERED", invoiceLines: { none: {} }, engagement: { organisationId: council.organisation.id } },
    select: { id: true, engagement: { select: { reference: true } } },
  });
  const { createDraftInvoice } = await import("@/lib/server/director/invoice-drafts");
  const { loadActor } = await import("@/lib/auth/load-actor");
  const directorActor = await loadActor(people.director.userId!);
  const draft = await createDraftInvoice({
    db,
    actor: directorActor as never,
    input: { unverifiedReference: invoiceable.engagement.reference, deliveryIds: [invoiceable.id], purchaseOrderNumber: "PO-77", paymentTermsDays: "30", vatRateBasisPoints: "2000", vatExemptionReason: "" },
  });
  if (!draft.ok) throw new Error(`could not make a draft invoice: ${draft.message} ${JSON.stringify(draft.fieldErrors)}`);
  const draftLine = await db.invoiceLine.findFirstOrThrow({ where: { invoiceId: draft.data.invoiceId }, select: { id: true } });
  const issuedInvoice = await db.invoice.findFirstOrThrow({ where: { status: "ISSUED", organisationId: council.organisation.id }, select: { id: true } });
  const requested = await db.engagement.findFirstOrThrow({ where: { status: "REQUESTED" }, select: { reference: true, id: true, organisationId: true } });
  const needsPairing = await db.delivery.findFirstOrThrow({ where: { status: "NEEDS_PAIRING" }, select: { id: true } });
  const inspection = await db.mockInspection.findFirstOrThrow({ select: { id: true } });
  const payRun = await db.payRun.findFirstOrThrow({ select: { id: true } });
  const service = await db.service.findFirstOrThrow({ where: { slug: "training" }, select: { id: true, slug: true } });
  const quotedService = await db.service.findFirstOrThrow({ where: { bookableOnline: false }, select: { slug: true } });
  const lived = await db.associate.findFirstOrThrow({ where: { expertise: "LIVED", active: true }, select: { id: true } });
  const professional = await db.associate.findFirstOrThrow({ where: { expertise: "PROFESSIONAL", active: true }, select: { id: true } });

  return {
    db,
    people,
    council,
    home,
    associate: {
      name: kayla.user.name ?? "Kayla",
      offeredAssignmentId: offered.id,
      acceptedAssignmentId: accepted.id,
      assignedDeliveryId: accepted.deliveryId,
      timeOffId: kaylaTimeOff.id,
      complianceRecordId: kaylaRecord.id,
      pendingQualificationId: kaylaQualification.id,
      othersOverrideId: othersOverride.id,
      samClaimId: samClaim.id,
    },
    director: {
      draftInvoiceId: draft.data.invoiceId,
      draftLineId: draftLine.id,
      issuedInvoiceId: issuedInvoice.id,
      requestedReference: requested.reference,
      requestedEngagementId: requested.id,
      requestedOrganisationId: requested.organisationId,
      invoiceableReference: invoiceable.engagement.reference,
      invoiceableDeliveryId: invoiceable.id,
      needsPairingDeliveryId: needsPairing.id,
      inspectionId: inspection.id,
      payRunId: payRun.id,
      serviceId: service.id,
      serviceSlug: service.slug,
      quotedServiceSlug: quotedService.slug,
      livedAssociateId: lived.id,
      professionalAssociateId: professional.id,
    },
  };
}

// ── Who attacks ────────────────────────────────────────────────────────────────────────────────────

/** Nobody signed in: no cookie, and a cookie with a made-up session token. */
const nobody = (w: World) => [w.people.anonymous, w.people.forged];
/** Everyone who is not the director. */
const notDirector = (w: World) => [w.people.councilAdmin, w.people.councilBooker, w.people.oakAdmin, w.people.oakBooker, w.people.kayla, w.people.unassigned, ...nobody(w)];
/** Everyone who is not an associate. */
const notAssociate = (w: World) => [w.people.councilAdmin, w.people.councilBooker, w.people.oakAdmin, w.people.oakBooker, w.people.director, ...nobody(w)];

type OrgTargets = World["council"];
/** Both directions: Oak House attacks Northshire's records, and Northshire attacks Oak House's. */
function victims(w: World) {
  return [
    { victim: w.council, attackerOrg: w.home, admin: w.people.oakAdmin, booker: w.people.oakBooker, victimBooker: w.people.councilBooker },
    { victim: w.home, attackerOrg: w.council, admin: w.people.councilAdmin, booker: w.people.councilBooker, victimBooker: w.people.oakBooker },
  ];
}

const each = (callers: Caller[], args: unknown[], target: string): Attempt[] => callers.map((caller) => ({ caller, args, target }));

/** A director-only action: every other role, with the director's real records as arguments. */
const directorOnly = (target: string, args: (w: World) => unknown[]): Entry => ({ attempts: (w) => each(notDirector(w), args(w), target) });

/** An associate action on the associate's own profile (it names no record): every non-associate role. */
const ownProfile = (target: string, args: (w: World) => unknown[]): Entry => ({
  attempts: (w) => each(notAssociate(w), args(w), target),
});

/** An associate action naming another associate's record: non-associates, and associates who don't own it. */
const associateRecord = (target: string, args: (w: World) => unknown[], notOwners: (w: World) => Caller[]): Entry => ({
  attempts: (w) => [...each(notAssociate(w), args(w), target), ...each(notOwners(w), args(w), `${target} (as another associate)`)],
});

/**
 * A client action under /org/[slug]: the victim organisation's slug from every foreign role; and, when the
 * action names a record, the attacker's own slug with the victim's record (the use case's scope check).
 */
function clientAction(target: string, args: (slug: string, victim: OrgTargets) => unknown[], options: { namesRecord: boolean; adminOnly?: boolean }): Entry {
  return {
    attempts: (w) =>
      victims(w).flatMap(({ victim, attackerOrg, admin, booker, victimBooker }) => [
        ...each([admin, booker, w.people.kayla, w.people.unassigned, w.people.director, ...nobody(w)], args(victim.slug, victim), `${target} of ${victim.slug} (victim's address)`),
        ...(options.namesRecord ? each([admin, booker], args(attackerOrg.slug, victim), `${target} of ${victim.slug} (attacker's own address)`) : []),
        ...(options.adminOnly ? each([victimBooker], args(victim.slug, victim), `${target} of ${victim.slug} (booker, admin-only)`) : []),
      ]),
  };
}

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const csv = () => new File(["name,email,job title\nMallory Example,mallory@attacker.example,Spy\n"], "attendees.csv", { type: "text/csv" });

const billing = { name: "Taken Over Ltd", invoiceEmail: "mallory@attacker.example", addressLine1: "1 Attack Road", town: "Northshire", postcode: "NS1 1AA", paymentTermsDays: "30", kind: "LOCAL_AUTHORITY" };

// ── The table: one entry per exported action ───────────────────────────────────────────────────────

const table: Record<string, Entry> = {
  // Associate: offers, sessions, calendar feed
  "app/associate/actions.ts#respondToOfferAction": associateRecord("Kayla's offer", (w) => [null, form({ assignmentId: w.associate.offeredAssignmentId, response: "ACCEPT" })], (w) => [w.people.marcus, w.people.unassigned]),
  "app/associate/actions.ts#withdrawAction": associateRecord("Kayla's accepted session", (w) => [null, form({ assignmentId: w.associate.acceptedAssignmentId, reason: "I can no longer make it." })], (w) => [w.people.marcus, w.people.unassigned]),
  "app/associate/actions.ts#regenerateFeedAction": ownProfile("the calendar feed", () => [null, form({ confirm: "yes" })]),
  // Associate: availability
  "app/associate/availability/actions.ts#saveWeeklyHoursAction": ownProfile("weekly hours", () => [null, form({ windows: JSON.stringify([{ weekday: 1, startMinute: 540, endMinute: 1020 }]) })]),
  "app/associate/availability/actions.ts#updateTimezoneAction": ownProfile("time zone", () => [null, form({ timezone: "Europe/Paris" })]),
  "app/associate/availability/actions.ts#saveDateOverrideAction": ownProfile("a date's hours", () => [null, form({ date: later(20).slice(0, 10), startTime: "09:00", endTime: "12:00" })]),
  "app/associate/availability/actions.ts#removeDateOverrideAction": associateRecord("another associate's date change", (w) => [null, form({ id: w.associate.othersOverrideId })], (w) => [w.people.kayla, w.people.unassigned]),
  "app/associate/availability/actions.ts#addTimeOffAction": ownProfile("time off", () => [null, form({ startsOn: later(30).slice(0, 10), endsOn: later(31).slice(0, 10), reason: "Holiday" })]),
  "app/associate/availability/actions.ts#removeTimeOffAction": associateRecord("Kayla's time off", (w) => [null, form({ id: w.associate.timeOffId })], (w) => [w.people.marcus, w.people.unassigned]),
  // Associate: checks
  "app/associate/checks/actions.ts#submitCheckAction": ownProfile("a compliance check", () => [null, form({ kind: "INSURANCE", reference: "INS-9", checkedOn: "2026-01-01", expiresOn: "2028-01-01" })]),
  "app/associate/checks/actions.ts#withdrawEntryAction": associateRecord("Kayla's compliance record", (w) => [null, form({ recordId: w.associate.complianceRecordId })], (w) => [w.people.marcus, w.people.unassigned]),
  // Associate: money
  "app/associate/money/actions.ts#updatePayPreferenceAction": ownProfile("pay preference", () => [null, form({ payPreference: "DECLINE" })]),
  "app/associate/money/actions.ts#updateBenefitsAction": ownProfile("benefits flag", () => [null, form({ onBenefits: "on" })]),
  "app/associate/money/actions.ts#submitExpenseAction": associateRecord(
    "an expense on Kayla's session",
    (w) => [null, form({ unverifiedDeliveryId: w.associate.assignedDeliveryId, category: "OTHER", description: "Train to the venue", amount: "12.50" })],
    (w) => [w.people.unassigned],
  ),
  "app/associate/money/actions.ts#resubmitExpenseAction": associateRecord(
    "Sam's expense claim",
    (w) => [w.associate.samClaimId, null, form({ unverifiedDeliveryId: w.associate.assignedDeliveryId, category: "OTHER", description: "Train to the venue", amount: "99.00" })],
    (w) => [w.people.kayla, w.people.unassigned],
  ),
  "app/associate/money/actions.ts#deleteExpenseAction": associateRecord("Sam's expense claim", (w) => [null, form({ claimId: w.associate.samClaimId })], (w) => [w.people.kayla, w.people.unassigned]),
  // Associate: profile
  "app/associate/profile/actions.ts#updatePublicProfileAction": ownProfile("the public profile", () => [null, form({ displayName: "Mallory", bio: "Taken over." })]),
  "app/associate/profile/actions.ts#updateExpertiseAction": ownProfile("expertise", () => [null, form({ expertise: "BOTH" })]),
  "app/associate/profile/actions.ts#updateStoryAction": ownProfile("the lived-experience story", () => [null, form({ story: "Overwritten." })]),
  "app/associate/profile/actions.ts#setConsentAction": ownProfile("a consent", () => [null, form({ purpose: "MATCHING", decision: "WITHDRAW" })]),
  "app/associate/profile/actions.ts#requestServiceAction": ownProfile("a service request", (w) => [null, form({ serviceId: w.director.serviceId })]),
  "app/associate/profile/actions.ts#stopServiceAction": ownProfile("a qualification", (w) => [null, form({ serviceId: w.director.serviceId })]),

  // Director
  "app/director/actions.ts#createQuoteAction": directorOnly("a quote for a requested engagement", (w) => [
    w.director.requestedReference,
    null,
    form({ "sessions.0.startsAtLocal": later(40).slice(0, 16), "sessions.0.mode": "ONLINE", "lines.0.description": "Consultancy", "lines.0.quantity": "1", "lines.0.unitPrice": "1.00", "lines.0.vatRateBasisPoints": "2000", validForDays: "30" }),
  ]),
  "app/director/checks/actions.ts#verifyCheckAction": directorOnly("an associate's check", (w) => [null, form({ recordId: w.associate.complianceRecordId })]),
  "app/director/checks/actions.ts#declineCheckAction": directorOnly("an associate's check", (w) => [null, form({ recordId: w.associate.complianceRecordId, note: "Not accepted." })]),
  "app/director/checks/actions.ts#approveServiceAction": directorOnly("a qualification request", (w) => [null, form({ qualificationId: w.associate.pendingQualificationId })]),
  "app/director/checks/actions.ts#declineServiceAction": directorOnly("a qualification request", (w) => [null, form({ qualificationId: w.associate.pendingQualificationId })]),
  "app/director/clients/actions.ts#updateClientAction": directorOnly("a client's billing details", (w) => [w.council.organisation.id, null, form(billing)]),
  "app/director/deliveries/[id]/actions.ts#offerPairAction": directorOnly("a delivery's pairing", (w) => [w.director.needsPairingDeliveryId, null, form({ livedAssociateId: w.director.livedAssociateId, professionalAssociateId: w.director.professionalAssociateId })]),
  "app/director/deliveries/[id]/actions.ts#swapFacilitatorAction": directorOnly("a delivery's pairing", (w) => [w.director.needsPairingDeliveryId, null, form({ assignmentId: w.associate.acceptedAssignmentId, associateId: w.director.livedAssociateId })]),
  "app/director/expenses/actions.ts#decideExpenseClaimAction": directorOnly("an expense claim", (w) => [w.associate.samClaimId, null, form({ decision: "APPROVE" })]),
  "app/director/inspections/actions.ts#createInspectionAction": directorOnly("a mock inspection", (w) => [null, form({ unverifiedOrganisationId: w.home.organisation.id, settingType: "CHILDRENS_HOME", settingName: "Oak House", visitDate: "2026-11-01" })]),
  "app/director/inspections/actions.ts#updateInspectionAction": directorOnly("a mock inspection", (w) => [w.director.inspectionId, null, form({ settingName: "Overwritten" })]),
  "app/director/inspections/actions.ts#finaliseInspectionAction": directorOnly("a mock inspection", (w) => [w.director.inspectionId]),
  "app/director/invoices/actions.ts#createDraftAction": directorOnly("an invoice draft", (w) => [null, form({ reference: w.director.invoiceableReference, deliveryIds: [w.director.invoiceableDeliveryId], paymentTermsDays: "30", vatRateBasisPoints: "2000" })]),
  "app/director/invoices/actions.ts#updateDraftDetailsAction": directorOnly("an invoice draft", (w) => [w.director.draftInvoiceId, null, form({ purchaseOrderNumber: "PO-EVIL", paymentTermsDays: "1" })]),
  "app/director/invoices/actions.ts#addDraftLineAction": directorOnly("an invoice draft", (w) => [w.director.draftInvoiceId, null, form({ description: "Extra", quantity: "1", unitPrice: "1000", vatRateBasisPoints: "2000" })]),
  "app/director/invoices/actions.ts#updateDraftLineAction": directorOnly("an invoice line", (w) => [w.director.draftInvoiceId, w.director.draftLineId, null, form({ description: "Changed", quantity: "1", unitPrice: "0.01", vatRateBasisPoints: "2000" })]),
  "app/director/invoices/actions.ts#removeDraftLineAction": directorOnly("an invoice line", (w) => [w.director.draftInvoiceId, w.director.draftLineId, null, form()]),
  "app/director/invoices/actions.ts#deleteDraftAction": directorOnly("an invoice draft", (w) => [w.director.draftInvoiceId, null, form()]),
  "app/director/invoices/actions.ts#issueInvoiceAction": directorOnly("an invoice draft", (w) => [w.director.draftInvoiceId, null, form()]),
  "app/director/invoices/actions.ts#markPaidAction": directorOnly("an issued invoice", (w) => [w.director.issuedInvoiceId, null, form({ paidOn: new Date().toISOString().slice(0, 10), reference: "BACS" })]),
  "app/director/invoices/actions.ts#creditNoteAction": directorOnly("an issued invoice", (w) => [w.director.issuedInvoiceId, null, form({ scope: "FULL", reason: "Cancelled" })]),
  "app/director/invoices/actions.ts#reissueInvoiceAction": directorOnly("an issued invoice", (w) => [w.director.issuedInvoiceId, null, form()]),
  "app/director/pay/actions.ts#createPayRunAction": directorOnly("a pay run", () => [null, form({ periodStart: "2026-01-01", periodEnd: "2026-12-31" })]),
  "app/director/pay/actions.ts#approvePayRunAction": directorOnly("a pay run", (w) => [w.director.payRunId, null, form()]),
  "app/director/pay/actions.ts#markPayRunPaidAction": directorOnly("a pay run", (w) => [w.director.payRunId, null, form()]),
  "app/director/pay/actions.ts#deletePayRunAction": directorOnly("a pay run", (w) => [w.director.payRunId, null, form()]),
  "app/director/privacy/actions.ts#findPersonAction": directorOnly("what is held about a person", () => [null, form({ email: "kayla@associates.thevision.example" })]),
  "app/director/privacy/actions.ts#eraseAssociateAction": directorOnly("an associate's personal data", (w) => [null, form({ userId: w.people.kayla.userId!, confirmEmail: "kayla@associates.thevision.example" })]),
  "app/director/privacy/actions.ts#eraseAttendeeAction": directorOnly("an attendee's personal data", (w) => [null, form({ attendeeId: [w.council.attendee.id], confirmEmail: w.council.attendee.email })]),
  "app/director/services/actions.ts#updateServiceAction": directorOnly("a catalogue service", (w) => [w.director.serviceId, null, form({ name: "Hijacked", pricePence: "1", deliveryModes: ["ONLINE"] })]),

  // Attendee feedback: the token is the only credential, so the foreign attempt is a made-up or borrowed one.
  "app/feedback/actions.ts#submitFeedbackAction": {
    attempts: (w) =>
      [w.people.anonymous, w.people.forged, w.people.oakAdmin, w.people.kayla].flatMap((caller) =>
        [
          "clxxxxxxxxxxxxxxxxxxxxxxx",
          w.council.attendee.id,
          w.council.deliveredDeliveryId,
          "' OR '1'='1' -- padding padding",
          // The victim's real token with its last character changed.
          w.council.attendee.accessToken.slice(0, -1) + (w.council.attendee.accessToken.endsWith("a") ? "b" : "a"),
        ].map((token) => ({
          caller,
          args: [token, null, form({ overallScore: "5", relevanceScore: "5", facilitationScore: "5", confidenceBefore: "1", confidenceAfter: "10", comment: "Spoofed" })],
          target: `feedback with a made-up token (${token.slice(0, 12)}…)`,
        })),
      ),
  },

  // Client: booking and managing a booking
  "app/org/[slug]/book/actions.ts#holdSlotAction": clientAction("a hold", (slug) => [slug, null, form({ service: "training", startsAt: later(45), mode: "ONLINE" })], { namesRecord: false }),
  "app/org/[slug]/book/actions.ts#requestBookingAction": {
    attempts: (w) => [
      ...clientAction("a held booking", (slug, v) => [slug, null, form({ acceptTerms: "yes", engagementId: v.upcomingEngagementId, purchaseOrderNumber: "PO-1", attendeeCount: "5", paymentMethod: "INVOICE" })], { namesRecord: true }).attempts(w),
      ...clientAction("a held booking, by card", (slug, v) => [slug, null, form({ acceptTerms: "yes", engagementId: v.upcomingEngagementId, purchaseOrderNumber: "PO-1", attendeeCount: "5", paymentMethod: "CARD" })], { namesRecord: true }).attempts(w),
    ],
  },
  "app/org/[slug]/book/actions.ts#requestServiceAction": clientAction("a service request", (slug) => [slug, null, form({ service: "consultancy", needs: "Help", preferredDates: "Any" })], { namesRecord: false }),
  "app/org/[slug]/book/actions.ts#cancelDeliveryAction": clientAction("a session", (slug, v) => [slug, null, form({ deliveryId: v.upcomingDeliveryId, reason: "No", expectedChargePence: "0" })], { namesRecord: true }),
  "app/org/[slug]/book/actions.ts#addAttendeeAction": clientAction("a booking's attendees", (slug, v) => [slug, v.upcomingReference, null, form({ name: "Mallory", email: "mallory@attacker.example" })], { namesRecord: true }),
  "app/org/[slug]/book/actions.ts#removeAttendeeAction": {
    attempts: (w) => [
      ...clientAction("an attendee", (slug, v) => [slug, v.upcomingReference, null, form({ attendeeId: v.attendee.id })], { namesRecord: true }).attempts(w),
      // The attacker's own booking reference with the victim's attendee.
      ...victims(w).map(({ victim, attackerOrg, admin }) => ({ caller: admin, args: [attackerOrg.slug, attackerOrg.upcomingReference, null, form({ attendeeId: victim.attendee.id })], target: `an attendee of ${victim.slug} through the attacker's own booking` })),
    ],
  },
  "app/org/[slug]/book/actions.ts#importAttendeesAction": clientAction("a booking's attendees", (slug, v) => [slug, v.upcomingReference, null, form({ file: csv() })], { namesRecord: true }),
  "app/org/[slug]/book/actions.ts#respondToQuoteAction": clientAction("a quote", (slug, v) => [slug, null, form({ quoteId: v.quoteId, decision: "ACCEPT", purchaseOrderNumber: "PO-1" })], { namesRecord: true }),
  "app/org/[slug]/book/actions.ts#recordAttendanceAction": clientAction("a session's register", (slug, v) => [slug, v.deliveredReference, null, form({ deliveryId: v.deliveredDeliveryId, present: v.deliveredAttendeeIds })], { namesRecord: true }),
  "app/org/[slug]/book/actions.ts#rescheduleDeliveryAction": clientAction("a session", (slug, v) => [slug, null, form({ deliveryId: v.upcomingDeliveryId, startsAt: later(50) })], { namesRecord: true }),
  "app/org/[slug]/book/actions.ts#cancelEngagementAction": clientAction("a booking", (slug, v) => [slug, null, form({ reference: v.upcomingReference, reason: "No", expectedChargePence: "0" })], { namesRecord: true }),
  "app/org/[slug]/book/actions.ts#updateAttendeeAction": {
    attempts: (w) => [
      ...clientAction("an attendee", (slug, v) => [slug, v.upcomingReference, null, form({ attendeeId: v.attendee.id, name: "Mallory", email: "mallory@attacker.example" })], { namesRecord: true }).attempts(w),
      ...victims(w).map(({ victim, attackerOrg, admin }) => ({ caller: admin, args: [attackerOrg.slug, attackerOrg.upcomingReference, null, form({ attendeeId: victim.attendee.id, name: "Mallory", email: "mallory@attacker.example" })], target: `an attendee of ${victim.slug} through the attacker's own booking` })),
    ],
  },
  "app/org/[slug]/book/actions.ts#rescheduleEngagementAction": clientAction("a booking", (slug, v) => [slug, null, form({ reference: v.upcomingReference, startsAt: later(50) })], { namesRecord: true }),
  "app/org/[slug]/invoices/actions.ts#payInvoiceByCardAction": clientAction("an issued invoice", (slug, v) => [slug, v.invoiceNumber], { namesRecord: true }),
  "app/org/[slug]/settings/actions.ts#updateBillingAction": clientAction("billing details", (slug) => [slug, null, form(billing)], { namesRecord: false, adminOnly: true }),
  "app/org/[slug]/settings/actions.ts#inviteColleagueAction": clientAction("the team", (slug) => [slug, null, form({ email: "mallory@attacker.example", name: "Mallory", role: "ORG_ADMIN" })], { namesRecord: false, adminOnly: true }),
  "app/org/[slug]/settings/actions.ts#removeColleagueAction": clientAction("a colleague", (slug, v) => [slug, null, form({ membershipId: v.bookerMembershipId })], { namesRecord: true, adminOnly: true }),

  // Setting up an organisation names no existing record: the foreign attempts are signing up without an
  // account, as a non-client, and an off-site "next" address.
  "app/org/new/actions.ts#registerOrganisationAction": {
    attempts: (w) => [
      ...each(nobody(w), [null, null, form({ ...billing, name: "Mallory Holdings" })], "a new organisation while signed out"),
      ...each([w.people.kayla, w.people.unassigned, w.people.director], [null, null, form({ ...billing, name: "Mallory Holdings" })], "a new organisation as a non-client"),
      ...each([w.people.oakAdmin], ["//evil.example/services/x/book", null, form({ name: "" })], "an off-site next address with bad details"),
    ],
    alsoAccept: { codes: ["INVALID_INPUT"], why: "No record is named: associates and the director are refused because of who they are (\"Only client organisations can be set up here\"), and bad details are refused before anything is written." },
  },

  // Signing in: the foreign attempts are made-up demo accounts, malformed addresses and an off-site return address.
  "app/sign-in/actions.ts#requestMagicLinkAction": {
    attempts: (w) =>
      [w.people.anonymous, w.people.forged, w.people.oakAdmin].flatMap((caller) =>
        ["not-an-email", "", "director@thevision.example\nBcc: mallory@attacker.example", `${"a".repeat(300)}@x.example`].map((email) => ({
          caller,
          args: [null, form({ email, callbackUrl: "https://evil.example/steal" })],
          target: `a magic link for a malformed address`,
        })),
      ),
    alsoAccept: { codes: ["INVALID_INPUT"], why: "A malformed address is refused before any lookup; the refusal is the same whoever asks and names no account." },
  },
  "app/sign-in/actions.ts#demoSignInAction": {
    attempts: (w) =>
      [w.people.anonymous, w.people.forged, w.people.oakBooker].flatMap((caller) =>
        ["admin", "director ", "council-admin' --", "__proto__", ""].map((account) => ({ caller, args: [null, form({ account })], target: `demo sign-in as a made-up account (${account || "empty"})` })),
      ),
    alsoAccept: { codes: ["INVALID_INPUT"], why: "Only the seeded demo keys are accepted; anything else is refused with one fixed message, and no session is created." },
  },
  "app/sign-in/actions.ts#signOutAction": {
    attempts: (w) => each(nobody(w), [], "signing out someone who is not signed in"),
    alsoAccept: { redirectTo: /^http:\/\/localhost(:\d+)?\/?$/, why: "Signing out with no session (or a forged one) deletes nothing and goes to the home page." },
  },
};

/**
 * Counting an attempt is not a write to anyone's data: the sign-in rate limiter (lib/server/security)
 * records each demo sign-in and magic-link request from a client address in this table, refused or not.
 */
const BOOKKEEPING_TABLES = ["RateLimiterFlexible"];

// ── Judging ────────────────────────────────────────────────────────────────────────────────────────

function judge(outcome: ActionOutcome, entry: Entry): string | null {
  if (outcome.kind === "not-found") return null;
  if (outcome.kind === "redirect") {
    if (outcome.toSignIn) return null;
    if (entry.alsoAccept?.redirectTo?.test(outcome.location)) return null;
    return `was sent on to ${outcome.location}`;
  }
  if (outcome.kind === "throw") return describeOutcome(outcome);
  if (isRefusal(outcome.value) && (outcome.value.code === "NOT_FOUND" || entry.alsoAccept?.codes?.includes(outcome.value.code))) return null;
  return describeOutcome(outcome);
}

/** Victim data that must never appear in an answer to a foreign caller. */
function canaries(w: World): string[] {
  return [w.council.organisation.name, w.home.organisation.name, w.council.attendee.email, w.home.attendee.email, w.council.attendee.name, w.home.attendee.name, w.associate.name].filter((value) => value.length > 3);
}

beforeAll(async () => {
  world = await buildWorld();
  actions = await loadActions();
}, 180_000);

afterAll(async () => {
  await world?.db.$disconnect();
});

describe("tenant isolation of server actions", () => {
  it("has an attempt table entry for every exported action (so a new action cannot be forgotten)", () => {
    const exported = [...actions.keys()].sort();
    expect(exported.length).toBeGreaterThan(60);
    expect(exported.filter((name) => !(name in table)), "actions with no isolation entry").toEqual([]);
    expect(Object.keys(table).filter((name) => !actions.has(name)), "entries for actions that no longer exist").toEqual([]);
  });

  it("refuses every foreign attempt as not found or sign-in, and writes nothing", async () => {
    // Every attempt goes through the real session cookie and auth(): no caller carries a preloaded Actor.
    expect(Object.values(world.people).filter((person) => person.actor !== undefined)).toEqual([]);
    const leaks: string[] = [];
    const perAction: Record<string, number> = {};
    const outcomes: Record<string, number> = {};
    const secrets = canaries(world);
    let attempts = 0;
    let before = await fingerprintDatabase();
    for (const [name, entry] of Object.entries(table)) {
      const action = actions.get(name);
      if (!action) continue;
      const list = entry.attempts(world);
      expect(list.length, `${name} has no attempts`).toBeGreaterThan(0);
      for (const attempt of list) {
        attempts++;
        perAction[name] = (perAction[name] ?? 0) + 1;
        const outcome = await callAs(attempt.caller, action as (...args: unknown[]) => unknown, ...attempt.args);
        const kind = outcome.kind === "result" ? (isRefusal(outcome.value) ? `${outcome.value.code} result` : "accepted") : outcome.kind === "redirect" ? (outcome.toSignIn ? "sign-in redirect" : "other redirect") : outcome.kind;
        outcomes[kind] = (outcomes[kind] ?? 0) + 1;
        const after = await fingerprintDatabase();
        const where = `${name} — ${attempt.caller.label} → ${attempt.target}`;
        const problem = judge(outcome, entry);
        if (problem) leaks.push(`${where}: ${problem}`);
        const changed = changedTables(before, after, BOOKKEEPING_TABLES);
        if (changed.length > 0) leaks.push(`${where}: wrote to ${changed.join(", ")}`);
        if (outcome.kind === "result") {
          const text = JSON.stringify(outcome.value);
          const seen = secrets.filter((secret) => text.includes(secret));
          if (seen.length > 0) leaks.push(`${where}: answer mentions ${seen.join(", ")}`);
        }
        before = after;
      }
    }
    console.log(`isolation-actions: ${attempts} attempts, ${leaks.length} leaks (${Object.keys(perAction).length} actions; ${Object.entries(outcomes).map(([kind, n]) => `${n} ${kind}`).join(", ")})`);
    if (leaks.length > 0) console.log(leaks.join("\n"));
    expect(leaks).toEqual([]);
    expect(attempts).toBeGreaterThanOrEqual(200);
  }, 600_000);
});
