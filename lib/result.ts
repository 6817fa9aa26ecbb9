// Every use case returns through here, so zod's plain-English fallbacks are in place before any parse.
import "./validation-messages";

/**
 * The one result shape of every server action and use case that can fail in an expected way.
 * Expected failures carry a code from `AppErrorCode` and a plain-English message for the person.
 */
export const AppErrorCode = {
  /** Input failed validation; `fieldErrors` says which fields and why. */
  INVALID_INPUT: "INVALID_INPUT",
  /** The record does not exist or is outside the caller's scope (never "forbidden": no existence leaks). */
  NOT_FOUND: "NOT_FOUND",
  /** The caller must sign in first. */
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** The feature is switched off in this environment (e.g. demo sign-in in production). */
  DISABLED: "DISABLED",
  /** The time was taken by someone else between viewing and acting. */
  SLOT_TAKEN: "SLOT_TAKEN",
  /** A delivery cannot be confirmed without its lived-experience and professional pair. */
  PAIRING_INCOMPLETE: "PAIRING_INCOMPLETE",
  /** An associate's checks (DBS, insurance, registration, training) do not cover the date. */
  ASSOCIATE_NOT_COMPLIANT: "ASSOCIATE_NOT_COMPLIANT",
  /** Too many attempts in a short time. */
  RATE_LIMITED: "RATE_LIMITED",
  /** Something unexpected went wrong; details are in the server log under the request id. */
  UNEXPECTED: "UNEXPECTED",
} as const;

export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export type FieldErrors = Record<string, string[] | undefined>;

export type Result<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors?: FieldErrors };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: AppErrorCode, message: string, fieldErrors?: FieldErrors): { ok: false; code: AppErrorCode; message: string; fieldErrors?: FieldErrors } {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

/** An expected failure thrown inside a use case and turned into a `Result` at the edge. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}
