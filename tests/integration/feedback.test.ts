import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { addAttendee } from "@/lib/server/attendees/manage-attendees";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { requestBooking } from "@/lib/server/booking/request-booking";
import { respondToOffer } from "@/lib/server/booking/respond-to-offer";
import { recordAttendance, submitFeedback } from "@/lib/server/feedback/attendance-and-feedback";
import { sendDueReminders } from "@/lib/server/booking/send-reminders";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());
const NOW = new Date("2026-11-17T09:00:00Z");
const AFTER = new Date("2026-12-01T14:00:00Z");

async function confirmedWithAttendees() {
  const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
  const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: "2026-12-01T10:00:00Z", mode: "ONLINE" }, now: NOW });
  if (!held.ok) throw new Error(held.message);
  const sent = await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO", attendeeCount: "3" }, now: NOW });
  if (!sent.ok) throw new Error(sent.message);
  for (const offer of await db.assignment.findMany({ where: { deliveryId: held.data.deliveryId }, include: { associate: true } })) {
    await respondToOffer({ db, actor: { associateId: offer.associateId, userId: offer.associate.userId }, input: { unverifiedAssignmentId: offer.id, response: "ACCEPT" }, now: NOW });
  }
  const people = [];
  for (const [name, email] of [["Asha Patel", "asha@example.org"], ["Ben Okoro", "ben@example.org"], ["Cara Doyle", "cara@example.org"]] as const) {
    const added = await addAttendee({ db, context: scenario.context, input: { unverifiedReference: sent.data.reference, name, email } });
    if (!added.ok) throw new Error(added.message);
    people.push(await db.attendee.findUniqueOrThrow({ where: { id: added.data.id } }));
  }
  return { scenario, deliveryId: held.data.deliveryId, engagementId: held.data.engagementId, people };
}

describe("attendance, feedback and certificates", () => {
  it("attendance can't be recorded before the session; afterwards it delivers the session and emails each attendee their own link", async () => {
    const { scenario, deliveryId, engagementId, people } = await confirmedWithAttendees();
    const early = await recordAttendance({ db, context: scenario.context, appUrl: "https://app.example", input: { unverifiedDeliveryId: deliveryId, presentAttendeeIds: [people[0]!.id] }, now: NOW });
    expect(early).toMatchObject({ ok: false, message: expect.stringContaining("once the session has started") });
    const other = await createScenario(db, { associates: [] });
    expect(await recordAttendance({ db, context: other.context, appUrl: "x", input: { unverifiedDeliveryId: deliveryId, presentAttendeeIds: [] }, now: AFTER })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const recorded = await recordAttendance({ db, context: scenario.context, appUrl: "https://app.example", input: { unverifiedDeliveryId: deliveryId, presentAttendeeIds: [people[0]!.id, people[1]!.id] }, now: AFTER });
    expect(recorded).toEqual({ ok: true, data: { present: 2 } });
    expect((await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("DELIVERED");
    expect((await db.engagement.findUniqueOrThrow({ where: { id: engagementId } })).status).toBe("DELIVERED");
    expect((await db.attendee.findMany({ where: { engagementId }, orderBy: { name: "asc" } })).map((a) => a.attended)).toEqual([true, true, false]);
    const invites = await db.outboxMessage.findMany({ where: { kind: "feedback-invite", to: { in: people.map((p) => p.email) } } });
    expect(invites).toHaveLength(3);
    for (const person of people) {
      expect(person.accessToken).toMatch(/^[\w-]{32}$/);
      expect(JSON.stringify(invites.find((m) => m.to === person.email)!.payload)).toContain(`/feedback/${person.accessToken}`);
    }
    // Correcting the register later sends nothing new.
    await recordAttendance({ db, context: scenario.context, appUrl: "https://app.example", input: { unverifiedDeliveryId: deliveryId, presentAttendeeIds: people.map((p) => p.id) }, now: AFTER });
    expect(await db.outboxMessage.count({ where: { kind: "feedback-invite", to: { in: people.map((p) => p.email) } } })).toBe(3);
  });

  it("feedback is taken once per attendee with plain messages for gaps; certificates only for those present", async () => {
    const { scenario, deliveryId, people } = await confirmedWithAttendees();
    await recordAttendance({ db, context: scenario.context, appUrl: "https://app.example", input: { unverifiedDeliveryId: deliveryId, presentAttendeeIds: [people[0]!.id] }, now: AFTER });
    const token = people[0]!.accessToken;
    const missing = await submitFeedback({ db, input: { token, overallScore: "5" } });
    expect(missing).toMatchObject({ ok: false, fieldErrors: { relevanceScore: ["Choose a score for how relevant it was to your work."] } });
    const answers = { overallScore: "5", relevanceScore: "4", facilitationScore: "5", confidenceBefore: "3", confidenceAfter: "8", comment: "Hearing Kayla's story changed how I write case notes." };
    expect(await submitFeedback({ db, input: { token, ...answers, confidenceAfter: "11" } })).toMatchObject({ ok: false });
    expect(await submitFeedback({ db, input: { token: "not-a-real-token-at-all-123", ...answers } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await submitFeedback({ db, input: { token, ...answers } })).toEqual({ ok: true, data: null });
    expect(await submitFeedback({ db, input: { token, ...answers } })).toMatchObject({ ok: false, message: expect.stringContaining("already sent") });
    expect(await db.feedback.findMany({ where: { deliveryId }, select: { confidenceBefore: true, confidenceAfter: true } })).toEqual([{ confidenceBefore: 3, confidenceAfter: 8 }]);

    const { GET } = await import("@/app/feedback/[token]/certificate.pdf/route");
    const certificate = await GET(new Request("http://x"), { params: Promise.resolve({ token }) });
    expect(certificate.headers.get("content-type")).toBe("application/pdf");
    const pdf = await PDFDocument.load(new Uint8Array(await certificate.arrayBuffer()));
    expect(pdf.getTitle()).toBe("Certificate of attendance: Asha Patel");
    const absent = await GET(new Request("http://x"), { params: Promise.resolve({ token: people[1]!.accessToken }) });
    expect(absent.status).toBe(404);
  });
});

describe("48-hour reminders", () => {
  it("go once to the booker, each attendee and both facilitators, even with two workers at once; not before the 48 hours", async () => {
    const { scenario, deliveryId, people } = await confirmedWithAttendees();
    const recipients = [scenario.booker.email, ...people.map((p) => p.email), ...scenario.associates.map((a) => a.user.email)];
    const count = () => db.outboxMessage.count({ where: { kind: "reminder", to: { in: recipients } } });
    await sendDueReminders({ db, appUrl: "https://app.example", now: new Date("2026-11-28T09:00:00Z") }); // 73 hours before
    expect(await count()).toBe(0);
    const at = new Date("2026-11-29T12:00:00Z"); // 46 hours before
    await Promise.all([sendDueReminders({ db, appUrl: "https://app.example", now: at }), sendDueReminders({ db, appUrl: "https://app.example", now: at })]);
    expect(await count()).toBe(6);
    expect((await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).reminderSentAt).toEqual(at);
    await sendDueReminders({ db, appUrl: "https://app.example", now: new Date("2026-11-30T12:00:00Z") });
    expect(await count()).toBe(6);
    const bookerCopy = await db.outboxMessage.findFirstOrThrow({ where: { kind: "reminder", to: scenario.booker.email } });
    expect((bookerCopy.payload as { text: string }).text).toContain("See the booking: https://app.example/org/");
  });
});
