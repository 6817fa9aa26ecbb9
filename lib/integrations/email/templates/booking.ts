import { env } from "@/lib/env";
import { formatDateTime, formatPence } from "@/lib/format";
import type { EmailContent } from "../enqueue-email";
import { composeEmail, type EmailBlock } from "./layout";

function email(subject: string, blocks: EmailBlock[]): Promise<EmailContent> {
  return composeEmail(subject, blocks);
}

/** A written offer of paid work, sent before anything is confirmed. */
export function renderOfferEmail(o: { name: string | null; serviceName: string; organisationName: string; startsAt: Date; feePence: number; expiresAt: Date }) {
  return email(`Offer of work: ${o.serviceName} on ${formatDateTime(o.startsAt)}`, [
    `Hello ${o.name ?? "there"},`,
    `We'd like to offer you ${o.serviceName} with ${o.organisationName} on ${formatDateTime(o.startsAt)}.`,
    `Fee: ${formatPence(o.feePence)}. Travel and other expenses are paid separately and don't count as earnings.`,
    `Please accept or decline in Golden Thread by ${formatDateTime(o.expiresAt)}. It's fine to say no.`,
    { button: { href: `${env.APP_URL}/associate/offers`, label: "Read the offer and reply" } },
  ]);
}

export function renderAwaitingFacilitatorsEmail(o: { serviceName: string; startsAt: Date; reference: string }) {
  return email(`We've got your booking: ${o.serviceName} (${o.reference})`, [
    `Thank you — we've received your booking for ${o.serviceName} on ${formatDateTime(o.startsAt)}.`,
    "We're now confirming your two facilitators: a care-experienced associate and a professional associate. We'll email you as soon as both have said yes.",
  ]);
}

export function renderConfirmedEmail(o: { serviceName: string; startsAt: Date; reference: string; facilitators: string[] }) {
  return email(`Confirmed: ${o.serviceName} on ${formatDateTime(o.startsAt)}`, [
    `Your ${o.serviceName} session (${o.reference}) on ${formatDateTime(o.startsAt)} is confirmed.`,
    `It will be delivered by ${o.facilitators.join(" and ")}.`,
  ]);
}

/** To the director: a client has asked for a service that is quoted rather than booked online. */
export function renderServiceRequestEmail(o: { serviceName: string; organisationName: string; reference: string; sessionsRequested: number }) {
  return email(`New request: ${o.serviceName} for ${o.organisationName} (${o.reference})`, [
    `${o.organisationName} has asked for ${o.serviceName} (${o.sessionsRequested} session${o.sessionsRequested === 1 ? "" : "s"}).`,
    "Their description and preferred dates are in Golden Thread. They're waiting to hear from you with a quote.",
  ]);
}

/** A session was cancelled. The client's copy states the charge worked out from their terms. */
export function renderCancelledEmail(o: { name: string | null; serviceName: string; startsAt: Date; reference: string; chargePence: number | null }) {
  return email(`Cancelled: ${o.serviceName} on ${formatDateTime(o.startsAt)}`, [
    `Hello ${o.name ?? "there"},`,
    `The ${o.serviceName} session on ${formatDateTime(o.startsAt)} (${o.reference}) has been cancelled.`,
    ...(o.chargePence === null
      ? ["You don't need to do anything. Any payment due to you under the cancellation terms will appear in your statement."]
      : [o.chargePence === 0 ? "There is no charge for this cancellation." : `Under the cancellation terms agreed at booking, the charge is ${formatPence(o.chargePence)} plus VAT. It will appear on your invoice.`]),
  ]);
}

/** To the person who asked: their quote is ready to read and accept online. */
export function renderQuoteEmail(o: { name: string | null; serviceName: string; reference: string; totalPence: number; validUntil: Date }) {
  return email(`Your quote for ${o.serviceName} (${o.reference})`, [
    `Hello ${o.name ?? "there"},`,
    `Your quote for ${o.serviceName} is ready: ${formatPence(o.totalPence)} including VAT, with the proposed dates.`,
    `You can read it, and accept it or tell us what doesn't work, in Golden Thread until ${o.validUntil.toISOString().slice(0, 10)}. Nothing is booked until you accept.`,
  ]);
}

export function renderQuoteAcceptedEmail(o: { serviceName: string; reference: string; sessions: number }) {
  return email(`Quote accepted: ${o.serviceName} (${o.reference})`, [
    `Thank you for accepting the quote for ${o.serviceName}.`,
    `We're now confirming the facilitators for ${o.sessions === 1 ? "the session" : `all ${o.sessions} sessions`}. Each session shows as "awaiting facilitators" until both have said yes, and we'll email you as each is confirmed.`,
  ]);
}

/** To each attendee after a session: their own link for feedback (and their certificate if they came). */
export function renderFeedbackInviteEmail(o: { name: string; serviceName: string; link: string; attended: boolean }) {
  return email(`How was ${o.serviceName}?`, [
    `Hello ${o.name},`,
    `Thank you for being part of ${o.serviceName}. It was co-delivered by someone with lived experience of care and a professional, and your views help us make it better.`,
    "It takes about two minutes, and you don't need an account.",
    { button: { href: o.link, label: "Give feedback" } },
    ...(o.attended ? ["You can download your certificate of attendance from the same page."] : []),
  ]);
}

export function renderInviteEmail(o: { inviterName: string; organisationName: string; link: string; role: "ORG_ADMIN" | "BOOKER" }) {
  return email(`${o.inviterName} has added you to ${o.organisationName} on Golden Thread`, [
    `Hello,`,
    `${o.inviterName} has added you to ${o.organisationName} on Golden Thread, where you can ${o.role === "ORG_ADMIN" ? "book training, see invoices and manage colleagues and billing details" : "book training, manage your sessions and see invoices"}.`,
    "Sign in with this email address — we'll send you a link, no password needed.",
    { button: { href: o.link, label: "Sign in" } },
  ]);
}

/** Two days before: when, where, how to join, and who is facilitating. */
export function renderReminderEmail(o: {
  name: string | null;
  serviceName: string;
  organisationName: string;
  startsAt: Date;
  endsAt: Date;
  where: string;
  joiningInstructions: string | null;
  facilitators: string[];
  link: string | null;
}) {
  return email(`Reminder: ${o.serviceName} on ${formatDateTime(o.startsAt)}`, [
    `Hello ${o.name ?? "there"},`,
    `A reminder that ${o.serviceName} with ${o.organisationName} is on ${formatDateTime(o.startsAt)} (UK time), for ${Math.round((o.endsAt.getTime() - o.startsAt.getTime()) / 360_000) / 10} hours.`,
    `Where: ${o.where}`,
    ...(o.joiningInstructions ? [`Joining instructions: ${o.joiningInstructions}`] : []),
    ...(o.facilitators.length ? [`Your facilitators: ${o.facilitators.join(" and ")}.`] : []),
    ...(o.link ? [{ button: { href: o.link, label: "See the booking" } }] : []),
    "Some of the content may touch on difficult experiences. You can step out at any time, and the facilitators are there to talk afterwards.",
  ]);
}

export function renderRescheduledEmail(o: { name: string | null; serviceName: string; reference: string; from: Date; to: Date }) {
  return email(`Moved: ${o.serviceName} is now on ${formatDateTime(o.to)}`, [
    `Hello ${o.name ?? "there"},`,
    `${o.serviceName} (${o.reference}) has moved from ${formatDateTime(o.from)} to ${formatDateTime(o.to)} (UK time), with the same facilitators.`,
    "The attached calendar invite updates the entry already in your calendar.",
  ]);
}

/** To someone added to a session's attendee list: what, when, where, with the calendar invite attached. */
export function renderAttendeeInviteEmail(o: { name: string; serviceName: string; organisationName: string; sessions: { startsAt: Date; where: string }[] }) {
  return email(`You're booked on ${o.serviceName}`, [
    `Hello ${o.name},`,
    `${o.organisationName} has booked you a place on ${o.serviceName}, co-delivered by someone with lived experience of care and a professional.`,
    ...o.sessions.map((s) => `${formatDateTime(s.startsAt)} (UK time) — ${s.where}`),
    "The calendar invite is attached. We'll send joining details two days before.",
  ]);
}
