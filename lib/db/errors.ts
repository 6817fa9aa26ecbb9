/**
 * Reading PostgreSQL errors through Prisma 7's driver adapter. A constraint violation arrives as a
 * PrismaClientKnownRequestError whose meta.driverAdapterError.cause has the SQLSTATE; a serialization
 * failure inside an interactive transaction can arrive as the DriverAdapterError itself
 * (cause.originalCode "40001"). Both shapes are handled here so use cases can map them to domain codes.
 */
export type PgErrorInfo = { code: string; message: string };

export const PgCode = {
  EXCLUSION_VIOLATION: "23P01",
  UNIQUE_VIOLATION: "23505",
  CHECK_VIOLATION: "23514",
  SERIALIZATION_FAILURE: "40001",
  DEADLOCK: "40P01",
} as const;

export function readPgError(error: unknown): PgErrorInfo | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const value = current as {
      originalCode?: unknown;
      originalMessage?: unknown;
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: { cause?: unknown } };
    };
    if (typeof value.originalCode === "string") {
      return { code: value.originalCode, message: String(value.originalMessage ?? value.message ?? "") };
    }
    if (typeof value.code === "string" && /^[0-9A-Z]{5}$/.test(value.code) && !value.code.startsWith("P")) {
      return { code: value.code, message: String(value.message ?? "") };
    }
    current = value.meta?.driverAdapterError?.cause ?? value.meta?.driverAdapterError ?? value.cause;
  }
  return null;
}

export function isPgError(error: unknown, ...codes: string[]): boolean {
  const info = readPgError(error);
  return info !== null && codes.includes(info.code);
}

/** Errors worth retrying the whole transaction for: a lost race, not a bad request. */
export function isRetryableConflict(error: unknown): boolean {
  return isPgError(error, PgCode.EXCLUSION_VIOLATION, PgCode.SERIALIZATION_FAILURE, PgCode.DEADLOCK, PgCode.UNIQUE_VIOLATION);
}
