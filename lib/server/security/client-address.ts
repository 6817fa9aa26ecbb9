import { isIP } from "node:net";
import { env } from "@/lib/env";

/**
 * The client's IP address, for per-address rate limits.
 *
 * Next 16 gives route handlers, server actions and proxy.ts no socket address (`request.ip` is
 * gone); the only source is X-Forwarded-For, which `next start` fills with the socket address
 * when a request arrives without one, and otherwise leaves as the sender wrote it.
 *
 * - TRUST_PROXY=N (or true for 1): the app sits behind N reverse proxies, each appending the
 *   address it saw. The client is N entries from the right; anything further left is whatever the
 *   client claimed and is ignored.
 * - Unset: the app is reached directly and the header should be Next's own single entry, the
 *   socket address. We read only its right-most entry, so a forged list gains nothing, but a client
 *   that sends one forged address can pick its bucket. The per-email limit does not depend on this.
 *   Production should run behind a proxy with TRUST_PROXY set.
 */
export function clientAddress(headers: Headers, trustedProxies = env.trustedProxyCount): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const index = entries.length - Math.max(1, trustedProxies);
  // Fewer entries than proxies: the request skipped some of them; the left-most is the best we have.
  const candidate = normaliseAddress(entries[Math.max(0, index)] ?? "");
  return isIP(candidate) ? candidate : "unknown";
}

/** "::ffff:127.0.0.1" and "127.0.0.1" are the same client. */
function normaliseAddress(value: string): string {
  const unwrapped = value.startsWith("[") && value.includes("]") ? value.slice(1, value.indexOf("]")) : value;
  return unwrapped.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
}
