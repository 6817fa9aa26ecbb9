"use server";

import { redirect } from "next/navigation";
import { requireMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import { addAttendee, importAttendees, MAX_CSV_BYTES, removeAttendee, updateAttendee } from "@/lib/server/attendees/manage-attendees";
import { cancelDelivery, cancelEngagement } from "@/lib/server/booking/cancel-delivery";
import { rescheduleDelivery, rescheduleEngagement } from "@/lib/server/booking/reschedule-delivery";
import { recordAttendance } from "@/lib/server/feedback/attendance-and-feedback";
import { revalidatePath } from "next/cache";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { requestBooking } from "@/lib/server/booking/request-booking";
import { startCardCheckout } from "@/lib/server/payments/start-card-checkout";
import { getStripe } from "@/lib/integrations/payments/stripe";
import { env } from "@/lib/env";
import { respondToQuote } from "@/lib/server/quotes/quotes";
import { requestService } from "@/lib/server/requests/request-service";
import type { Result } from "@/lib/result";


export type HoldState = (Exclude<Result<null>, { ok: true }> & { nearest?: { start: string; end: string }[] }) | null;

/** Holds the chosen time for this organisation, then sends the booker to finish the booking. */
export async function holdSlotAction(unverifiedOrgSlug: string, _previous: HoldState, formData: FormData): Promise<HoldState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await holdSlot({
    db,
    context,
    input: {
      serviceSlug: formData.get("service"),
      startsAt: formData.get("startsAt") || undefined,
      mode: formData.get("mode") ?? undefined,
      location: formData.get("location") || undefined,
    },
  });
  if (!result.ok) {
    return "nearest" in result
      ? { ...result, nearest: result.nearest.map((slot) => ({ start: slot.start.toISOString(), end: slot.end.toISOString() })) }
      : result;
  }
  redirect(`/org/${context.organisation.slug}/bookings/${result.data.reference}`);
}

/** A failed submission, with what was typed so the form can show it again (React resets forms after an action). */
export type FormState = (Exclude<Result<null>, { ok: true }> & { values?: Record<string, string> }) | null;


/**
 * Sends a held booking. By invoice: offers go to the pair at once. By card (when Stripe is set up): the
 * booker goes to Stripe Checkout, and the signed webhook sends the booking on once the payment succeeds.
 * Either way it is CONFIRMED only when both facilitators accept.
 */
export async function requestBookingAction(unverifiedOrgSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const context = await requireMembership(unverifiedOrgSlug);
  if (formData.get("acceptTerms") !== "yes") {
    return {
      ok: false,
      code: "INVALID_INPUT",
      message: "Please read and accept the cancellation terms.",
      fieldErrors: { acceptTerms: ["Tick the box to accept the cancellation terms."] },
      values: submittedValues(formData),
    };
  }
  const input = {
    unverifiedEngagementId: formData.get("engagementId"),
    purchaseOrderNumber: formData.get("purchaseOrderNumber") ?? undefined,
    attendeeCount: formData.get("attendeeCount") || undefined,
  };
  if (formData.get("paymentMethod") === "CARD") {
    const stripe = getStripe();
    if (!stripe) return { ok: false, code: "DISABLED", message: "Card payments aren't available. Please pay by invoice.", values: submittedValues(formData) };
    const started = await startCardCheckout({ db, stripe, context, input, appUrl: env.APP_URL });
    if (!started.ok) return { ...started, values: submittedValues(formData) };
    redirect(started.data.url);
  }
  const result = await requestBooking({ db, context, input: { ...input, paymentMethod: "INVOICE" } });
  if (!result.ok) return { ...result, values: submittedValues(formData) };
  redirect(`/org/${context.organisation.slug}/engagements/${result.data.reference}?sent=1`);
}

/** Asks for a service that is quoted rather than booked online. */
export async function requestServiceAction(unverifiedOrgSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await requestService({
    db,
    context,
    input: {
      unverifiedServiceSlug: formData.get("service"),
      needs: formData.get("needs") ?? undefined,
      preferredDates: formData.get("preferredDates") ?? undefined,
      sessionsRequested: formData.get("sessionsRequested") || undefined,
    },
  });
  if (!result.ok) return { ...result, values: submittedValues(formData) };
  redirect(`/org/${context.organisation.slug}/engagements/${result.data.reference}?requested=1`);
}

/** Cancels one session at the charge the client was shown (asks again if it has changed). */
export async function cancelDeliveryAction(unverifiedOrgSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await cancelDelivery({
    db,
    context,
    input: { unverifiedDeliveryId: formData.get("deliveryId"), reason: formData.get("reason") ?? undefined, expectedChargePence: formData.get("expectedChargePence") },
  });
  if (!result.ok) {
    // The charge may have changed (a day passed): refresh the page so the new figure is shown and confirmable.
    revalidatePath(`/org/${context.organisation.slug}`, "layout");
    return { ...result, values: submittedValues(formData) };
  }
  redirect(`/org/${context.organisation.slug}/engagements/${result.data.reference}?cancelled=1`);
}

export type AttendeeState = (Result<null> & { values?: Record<string, string>; rowErrors?: string[]; notice?: string }) | null;

/** Adds one attendee (capacity enforced). */
export async function addAttendeeAction(unverifiedOrgSlug: string, unverifiedReference: string, _previous: AttendeeState, formData: FormData): Promise<AttendeeState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await addAttendee({ db, context, input: { unverifiedReference, name: formData.get("name") ?? undefined, email: formData.get("email") ?? undefined, jobTitle: formData.get("jobTitle") ?? undefined } });
  if (!result.ok) return { ...result, values: submittedValues(formData) };
  revalidatePath(`/org/${context.organisation.slug}/engagements/${unverifiedReference}`);
  return { ok: true, data: null, notice: "Added." };
}

/** Removes one attendee (the button sits behind a confirmation). */
export async function removeAttendeeAction(unverifiedOrgSlug: string, unverifiedReference: string, _previous: AttendeeState, formData: FormData): Promise<AttendeeState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await removeAttendee({ db, context, input: { unverifiedReference, unverifiedAttendeeId: formData.get("attendeeId") } });
  if (!result.ok) return result;
  revalidatePath(`/org/${context.organisation.slug}/engagements/${unverifiedReference}`);
  return { ok: true, data: null, notice: "Removed." };
}

/** Adds attendees from an uploaded CSV, all or nothing. */
export async function importAttendeesAction(unverifiedOrgSlug: string, unverifiedReference: string, _previous: AttendeeState, formData: FormData): Promise<AttendeeState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, code: "INVALID_INPUT", message: "Choose a CSV file to upload." };
  if (file.size > MAX_CSV_BYTES) return { ok: false, code: "INVALID_INPUT", message: "That file is too big. Upload at most 200 KB (a few hundred people)." };
  const result = await importAttendees({ db, context, unverifiedReference, csv: await file.text() });
  if (!result.ok) return result;
  revalidatePath(`/org/${context.organisation.slug}/engagements/${unverifiedReference}`);
  return { ok: true, data: null, notice: `Added ${result.data.added} ${result.data.added === 1 ? "person" : "people"} from the file.` };
}

/** Accepts (with PO where needed) or declines a quote. */
export async function respondToQuoteAction(unverifiedOrgSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await respondToQuote({
    db,
    context,
    input: {
      unverifiedQuoteId: formData.get("quoteId"),
      decision: formData.get("decision"),
      purchaseOrderNumber: formData.get("purchaseOrderNumber") ?? undefined,
      declineReason: formData.get("declineReason") ?? undefined,
    },
  });
  if (!result.ok) return { ...result, values: submittedValues(formData) };
  redirect(`/org/${context.organisation.slug}/engagements/${result.data.reference}?${result.data.decision === "ACCEPT" ? "accepted" : "declined"}=1`);
}

/** The register after a session: who came. Marks the session delivered and sends feedback links. */
export async function recordAttendanceAction(unverifiedOrgSlug: string, unverifiedReference: string, _previous: AttendeeState, formData: FormData): Promise<AttendeeState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await recordAttendance({
    db,
    context,
    appUrl: env.APP_URL,
    input: { unverifiedDeliveryId: formData.get("deliveryId"), presentAttendeeIds: formData.getAll("present").filter((v) => typeof v === "string") },
  });
  if (!result.ok) return result;
  revalidatePath(`/org/${context.organisation.slug}/engagements/${unverifiedReference}`);
  return { ok: true, data: null, notice: `Saved: ${result.data.present} ${result.data.present === 1 ? "person" : "people"} came. Everyone on the list has been emailed a feedback link.` };
}

/** Moves a session to another time both its facilitators can do. */
export async function rescheduleDeliveryAction(unverifiedOrgSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await rescheduleDelivery({ db, context, input: { unverifiedDeliveryId: formData.get("deliveryId"), startsAt: formData.get("startsAt") || undefined } });
  if (!result.ok) return { ...result, values: submittedValues(formData) };
  redirect(`/org/${context.organisation.slug}/engagements/${result.data.reference}?moved=1`);
}

/** Cancels every remaining session of a booking at the total the client was shown. */
export async function cancelEngagementAction(unverifiedOrgSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await cancelEngagement({ db, context, input: { unverifiedReference: formData.get("reference"), reason: formData.get("reason") ?? undefined, expectedChargePence: formData.get("expectedChargePence") } });
  if (!result.ok) {
    revalidatePath(`/org/${context.organisation.slug}`, "layout");
    return { ...result, values: submittedValues(formData) };
  }
  redirect(`/org/${context.organisation.slug}/engagements/${result.data.reference}?cancelled=1`);
}

/** Corrects one attendee's details. */
export async function updateAttendeeAction(unverifiedOrgSlug: string, unverifiedReference: string, _previous: AttendeeState, formData: FormData): Promise<AttendeeState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await updateAttendee({
    db,
    context,
    input: { unverifiedReference, unverifiedAttendeeId: formData.get("attendeeId"), name: formData.get("name") ?? undefined, email: formData.get("email") ?? undefined, jobTitle: formData.get("jobTitle") ?? undefined },
  });
  if (!result.ok) return { ...result, values: submittedValues(formData) };
  revalidatePath(`/org/${context.organisation.slug}/engagements/${unverifiedReference}`);
  return { ok: true, data: null, notice: "Saved." };
}

/** Moves every remaining session of a booking by the same amount. */
export async function rescheduleEngagementAction(unverifiedOrgSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const result = await rescheduleEngagement({ db, context, input: { unverifiedReference: formData.get("reference"), firstStartsAt: formData.get("startsAt") || undefined } });
  if (!result.ok) return { ...result, values: submittedValues(formData) };
  redirect(`/org/${context.organisation.slug}/engagements/${result.data.reference}?moved=1`);
}
