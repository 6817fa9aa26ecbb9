import { createEvent, createEvents, type EventAttributes } from "ics";

export type CalendarDelivery = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  mode: "ONLINE" | "IN_PERSON";
  location: string | null;
  videoLink: string | null;
  createdAt: Date;
  updatedAt: Date;
  serviceName: string;
  reference: string;
};

/**
 * The event for one delivery. The UID is stable per delivery and SEQUENCE grows with every change
 * (seconds since it was created), so calendars replace the earlier copy after a reschedule.
 * `isTentative` marks a session not yet confirmed for this person (an offer in their feed).
 */
function deliveryEventAttributes(delivery: CalendarDelivery, { appUrl, isTentative = false, title }: { appUrl: string; isTentative?: boolean; title?: string }): EventAttributes {
  const isCancelled = delivery.status === "CANCELLED";
  const where = delivery.mode === "ONLINE" ? (delivery.videoLink ?? "Online — the video link will be in your joining instructions") : (delivery.location ?? "In person");
  return {
    productId: "golden-thread/bookings",
    uid: `delivery-${delivery.id}@golden-thread`,
    sequence: Math.max(0, Math.floor((delivery.updatedAt.getTime() - delivery.createdAt.getTime()) / 1000)),
    start: delivery.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: delivery.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: `${isCancelled ? "Cancelled: " : ""}${title ?? `${delivery.serviceName} (${delivery.reference})`}`,
    description: `${delivery.serviceName}, co-delivered by a care-experienced associate and a professional associate.\n\nDetails: ${appUrl}`,
    location: where,
    status: isCancelled ? "CANCELLED" : delivery.status === "CONFIRMED" && !isTentative ? "CONFIRMED" : "TENTATIVE",
    busyStatus: isCancelled ? "FREE" : "BUSY",
  };
}

/**
 * An iCalendar invite for one delivery; a cancelled delivery produces METHOD:CANCEL / STATUS:CANCELLED,
 * which removes it from the calendar.
 */
export function renderDeliveryEvent(delivery: CalendarDelivery, { appUrl }: { appUrl: string }): string {
  const { error, value } = createEvent({ ...deliveryEventAttributes(delivery, { appUrl }), method: delivery.status === "CANCELLED" ? "CANCEL" : "PUBLISH" });
  if (error || !value) throw error ?? new Error("Could not build the calendar invite.");
  return value;
}

/**
 * A subscribed calendar (an associate's private feed): every event at once. A session that leaves the
 * feed disappears from the subscriber's calendar at the next refresh.
 */
export function renderCalendarFeed(
  entries: { delivery: CalendarDelivery; appUrl: string; isTentative?: boolean; title?: string }[],
  { name }: { name: string },
): string {
  if (entries.length === 0) {
    // ics cannot build an empty calendar; an empty VCALENDAR is still valid for subscribers.
    return ["BEGIN:VCALENDAR", "VERSION:2.0", "CALSCALE:GREGORIAN", "PRODID:golden-thread/bookings", "METHOD:PUBLISH", `X-WR-CALNAME:${name}`, "END:VCALENDAR", ""].join("\r\n");
  }
  const { error, value } = createEvents(
    entries.map((entry) => deliveryEventAttributes(entry.delivery, entry)),
    { calName: name, method: "PUBLISH", productId: "golden-thread/bookings" },
  );
  if (error || !value) throw error ?? new Error("Could not build the calendar feed.");
  return value;
}
