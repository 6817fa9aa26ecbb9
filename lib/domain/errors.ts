/**
 * Expected failures of the domain rules. Every rule in `lib/domain` either returns a value or throws a
 * `DomainError` whose `code` comes from `DomainErrorCode` below — one list, so the edge can map each code
 * to a plain-English message (and, if it wants, an HTTP status) in one place.
 */
export const DomainErrorCode = {
  /** The chosen time was taken by someone else between seeing it and booking it. */
  SLOT_TAKEN: "SLOT_TAKEN",
  /** A delivery needs its lived-experience and professional facilitators, held by different people. */
  PAIRING_INCOMPLETE: "PAIRING_INCOMPLETE",
  /** An associate's checks (DBS, insurance, registration, training) do not cover the delivery date. */
  ASSOCIATE_NOT_COMPLIANT: "ASSOCIATE_NOT_COMPLIANT",
  /** The associate is not approved to deliver this service. */
  ASSOCIATE_NOT_QUALIFIED: "ASSOCIATE_NOT_QUALIFIED",
  /** The associate is not free for the whole delivery (including travel buffers). */
  ASSOCIATE_UNAVAILABLE: "ASSOCIATE_UNAVAILABLE",
  /** A status change that the engagement, delivery or assignment life cycle does not allow. */
  ILLEGAL_TRANSITION: "ILLEGAL_TRANSITION",
  /** The time held while the client finished booking or paying has run out. */
  HOLD_EXPIRED: "HOLD_EXPIRED",
  /** The associate answered an offer after it had timed out. */
  OFFER_EXPIRED: "OFFER_EXPIRED",
  /** One person would fill both the lived-experience and the professional role in one delivery. */
  SAME_PERSON_BOTH_ROLES: "SAME_PERSON_BOTH_ROLES",
  /** A time range that ends before it starts, or is not made of whole epoch milliseconds. */
  INVALID_INTERVAL: "INVALID_INTERVAL",
  /** A time zone name that is not a valid IANA zone (e.g. "Europe/London"). */
  INVALID_TIMEZONE: "INVALID_TIMEZONE",
  /** A calendar date that is not a real 'YYYY-MM-DD' date. */
  INVALID_DATE: "INVALID_DATE",
  /** An amount, rate or count that is not a whole number in its allowed range. */
  INVALID_AMOUNT: "INVALID_AMOUNT",
  /** Any other input that breaks a rule's preconditions (the message says which). */
  INVALID_INPUT: "INVALID_INPUT",
} as const;

export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

/** Plain-English default message for each code, written for the person using the app. */
export const domainErrorMessages: Readonly<Record<DomainErrorCode, string>> = {
  SLOT_TAKEN: "Sorry, that time has just been taken. Please choose another time.",
  PAIRING_INCOMPLETE:
    "This session needs a lived-experience facilitator and a professional facilitator, and they must be different people.",
  ASSOCIATE_NOT_COMPLIANT: "This associate's checks do not cover the date of the session.",
  ASSOCIATE_NOT_QUALIFIED: "This associate is not approved to deliver this service.",
  ASSOCIATE_UNAVAILABLE: "This associate is not free for the whole session.",
  ILLEGAL_TRANSITION: "That change is not possible at this stage.",
  HOLD_EXPIRED: "The time we held for you has run out. Please choose a time again.",
  OFFER_EXPIRED: "This offer has closed, so it can no longer be accepted.",
  SAME_PERSON_BOTH_ROLES: "One person cannot be both the lived-experience and the professional facilitator.",
  INVALID_INTERVAL: "The end time must be after the start time.",
  INVALID_TIMEZONE: "That time zone is not recognised.",
  INVALID_DATE: "That date is not valid.",
  INVALID_AMOUNT: "That amount is not valid.",
  INVALID_INPUT: "Some of the details given are not valid.",
};

/** An expected failure of a domain rule. `message` defaults to the code's plain-English message. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Optional structured detail for logs and callers (never shown to the person as-is). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: DomainErrorCode, message?: string, details?: Readonly<Record<string, unknown>>) {
    super(message ?? domainErrorMessages[code]);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }
}

/** Tells whether `error` is a `DomainError`, optionally with a given code. */
export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
