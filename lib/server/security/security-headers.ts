/**
 * The security headers every response carries. The static ones are set in next.config.ts; the
 * Content-Security-Policy carries a fresh nonce per request, so proxy.ts sets it (see there).
 * Pure functions: proxy.ts, next.config.ts and the tests all read the same values.
 */

/** Headers that do not change per request. */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  // Two years, every subdomain, eligible for browsers' preload list. Browsers ignore it over plain
  // http, so sending it always is harmless in development.
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
  // Old browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** A nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy for one response.
 * - script-src: only scripts carrying this response's nonce (Next adds it to its own scripts when it
 *   finds the policy on the request), and what they load ('strict-dynamic'). No 'unsafe-inline'.
 *   'unsafe-eval' in development only: React's dev build uses eval to rebuild server error stacks.
 * - style-src 'unsafe-inline': React renders `style` attributes (e.g. progress bars' widths), which
 *   no nonce can cover, and a nonce in style-src would make browsers ignore 'unsafe-inline'. Injected
 *   CSS cannot run code; scripts stay strict.
 * - form-action: our own server actions, plus Stripe Checkout, where a card payment form's action
 *   redirects the browser when JavaScript has not loaded.
 */
export function contentSecurityPolicy(nonce: string, options: { isDevelopment?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self' https://checkout.stripe.com",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/**
 * PDFs: Chrome shows a PDF through an internal <embed> in a page that takes the response's policy,
 * so `object-src 'none'` (or any default-src) leaves the director's inline invoices and reports blank
 * (crbug.com/271452). A PDF runs no script of ours; it only needs not to be framed elsewhere.
 */
export const PDF_CONTENT_SECURITY_POLICY = "frame-ancestors 'none'";

/** Paths of PDF documents (every PDF route in app/ ends in .pdf). */
export function isPdfPath(pathname: string): boolean {
  return /\.pdf$/i.test(pathname);
}
