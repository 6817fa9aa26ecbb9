/**
 * PostgreSQL text cannot hold U+0000: a NUL byte anywhere in a query's values makes the whole query fail
 * (an HTTP 500 for a typed or crafted form value). Every string in a model query's arguments has NUL
 * replaced by U+FFFD, so such input is simply not found, or refused or stored like any other odd
 * character. Plain objects and arrays are copied only when they contain a NUL; anything else (Dates,
 * bytes, Prisma's null sentinels) is passed through untouched. The Prisma client applies it to every
 * model query; raw queries that take an unverified value call it themselves.
 */
export function withoutNulCharacters<T>(value: T): T {
  if (typeof value === "string") return (value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item, index) => {
      const clean = withoutNulCharacters(item);
      if (clean !== item) (copy ??= [...value])[index] = clean;
    });
    return (copy ?? value) as T;
  }
  if (value !== null && typeof value === "object") {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    let copy: Record<string, unknown> | null = null;
    for (const [key, item] of Object.entries(value)) {
      const clean = withoutNulCharacters(item);
      if (clean !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = clean;
    }
    return (copy ?? value) as T;
  }
  return value;
}
