import { describe, expect, it } from "vitest";
import { DomainError, DomainErrorCode, domainErrorMessages, isDomainError } from "@/lib/domain/errors";

describe("DomainError", () => {
  it.each(Object.values(DomainErrorCode))("%s has a plain-English default message ending in a full stop", (code) => {
    const error = new DomainError(code);
    expect(error.code).toBe(code);
    expect(error.message).toBe(domainErrorMessages[code]);
    expect(error.message).toMatch(/^[A-Z].*\.$/);
    expect(error.message).not.toMatch(/_/);
  });

  it("a custom message and details override the default", () => {
    const error = new DomainError("SLOT_TAKEN", "Taken by another booking.", { deliveryId: "d1" });
    expect(error.message).toBe("Taken by another booking.");
    expect(error.details).toEqual({ deliveryId: "d1" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DomainError");
  });

  it.each([
    { rule: "a DomainError is recognised", error: new DomainError("HOLD_EXPIRED"), code: undefined, expected: true },
    { rule: "a DomainError with the asked-for code is recognised", error: new DomainError("HOLD_EXPIRED"), code: "HOLD_EXPIRED" as const, expected: true },
    { rule: "a DomainError with another code is not", error: new DomainError("HOLD_EXPIRED"), code: "OFFER_EXPIRED" as const, expected: false },
    { rule: "a plain Error is not", error: new Error("HOLD_EXPIRED"), code: undefined, expected: false },
    { rule: "a look-alike object is not", error: { code: "HOLD_EXPIRED" }, code: undefined, expected: false },
  ])("isDomainError: $rule", ({ error, code, expected }) => {
    expect(isDomainError(error, code)).toBe(expected);
  });
});
