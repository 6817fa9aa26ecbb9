import { describe, expect, it } from "vitest";
import { renderDeliveryEvent } from "@/lib/integrations/calendar/delivery-event";

const base = {
  id: "d1",
  startsAt: new Date("2026-03-29T09:00:00Z"), // the Sunday the UK clocks go forward: 10:00 BST
  endsAt: new Date("2026-03-29T12:00:00Z"),
  status: "CONFIRMED",
  mode: "IN_PERSON" as const,
  location: "Town Hall, Northshire",
  videoLink: null,
  createdAt: new Date("2026-03-01T10:00:00Z"),
  updatedAt: new Date("2026-03-01T10:00:00Z"),
  serviceName: "Trauma-informed practice",
  reference: "GT-2026-ABC234",
};
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

describe("renderDeliveryEvent", () => {
  it("writes the session in UTC with a stable UID, confirmed, at the venue", () => {
    const ics = unfold(renderDeliveryEvent(base, { appUrl: "https://example.org/x" }));
    expect(ics).toContain("DTSTART:20260329T090000Z");
    expect(ics).toContain("DTEND:20260329T120000Z");
    expect(ics).toContain("UID:delivery-d1@golden-thread");
    expect(ics).toContain("STATUS:CONFIRMED");
    expect(ics).toContain("METHOD:PUBLISH");
    expect(ics).toContain("LOCATION:Town Hall\\, Northshire");
    expect(ics).toContain("SEQUENCE:0");
  });

  it("a rescheduled session keeps its UID with a higher SEQUENCE; a cancelled one cancels it", () => {
    const moved = unfold(renderDeliveryEvent({ ...base, startsAt: new Date("2026-04-02T09:00:00Z"), endsAt: new Date("2026-04-02T12:00:00Z"), updatedAt: new Date("2026-03-02T10:00:00Z") }, { appUrl: "https://example.org" }));
    expect(moved).toContain("UID:delivery-d1@golden-thread");
    expect(moved).toContain("SEQUENCE:86400");
    const cancelled = unfold(renderDeliveryEvent({ ...base, status: "CANCELLED", updatedAt: new Date("2026-03-03T10:00:00Z") }, { appUrl: "https://example.org" }));
    expect(cancelled).toContain("METHOD:CANCEL");
    expect(cancelled).toContain("STATUS:CANCELLED");
    expect(cancelled).toContain("SEQUENCE:172800");
  });

  it("an awaiting-facilitators session is tentative; online sessions say where the link will be", () => {
    const ics = unfold(renderDeliveryEvent({ ...base, status: "AWAITING_ACCEPTANCE", mode: "ONLINE", location: null }, { appUrl: "https://example.org" }));
    expect(ics).toContain("STATUS:TENTATIVE");
    expect(ics).toMatch(/LOCATION:Online — the video link will be in your joining instructions/);
  });
});
