import { describe, expect, it } from "vitest";
import { DEFAULT_CANCELLATION_TERMS, describeCancellationTerms } from "@/lib/cancellation-terms";

describe("describeCancellationTerms", () => {
  it("states the default terms in plain English, longest notice first", () => {
    expect(describeCancellationTerms(DEFAULT_CANCELLATION_TERMS)).toEqual([
      "28 days or more before: no charge",
      "14 to 27 days before: half the price (50%)",
      "Less than 14 days before: the full price",
    ]);
  });

  it.each([
    ["no terms", [], ["No cancellation charge."]],
    ["unreadable terms", "nonsense", ["No cancellation charge."]],
    ["one flat term", [{ noticeDaysAtLeast: 0, chargeBasisPoints: 2500 }], ["Whenever you cancel: 25% of the price"]],
  ])("%s", (_, value, expected) => {
    expect(describeCancellationTerms(value)).toEqual(expected);
  });
});
