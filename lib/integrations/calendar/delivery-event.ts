import { createEvent } from "ics";

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
 * An iCalendar invite for one delivery. The UID is stable per delivery and SEQUENCE grows with every
 * change (seconds since it was created), so calendars replace the earlier copy after a reschedule;
 * a cancelled delivery produces METHOD:CANCEL / STATUS:CANCELLED, which removes it.
 */
export function renderDeliveryEvent(delivery: CalendarDelivery, { appUrl }: { appUrl: string }): string {
  const isCancelled = delivery.status === "CANCELLED";
  const where = delivery.mode === "ONLINE" ? (delivery.videoLink ?? "Online — the video link will be in your joining instructions") : (delivery.location ?? "In person");
  const { error, value } = createEvent({
    productId: "golden-thread/bookings",
    method: isCancelled ? "CANCEL" : "PUBLISH",
    uid: `delivery-${delivery.id}@golden-thread`,
    sequence: Math.max(0, Math.floor((delivery.updatedAt.getTime() - delivery.createdAt.getTime()) / 1000)),
    start: delivery.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: delivery.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: `${isCancelled ? "Cancelled: " : ""}${delivery.serviceName} (${delivery.reference})`,
    description: `${delivery.serviceName}, co-delivered by a care-experienced associate and a professional associate.\n\nDetails: ${appUrl}`,
    location: where,
    status: isCancelled ? "CANCELLED" : delivery.status === "CONFIRMED" ? "CONFIRMED" : "TENTATIVE",
    busyStatus: isCancelled ? "FREE" : "BUSY",
  });
  if (error || !value) throw error ?? new Error("Could not build the calendar invite.");
  return value;
}
