import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

/**
 * Security headers on pages, API routes and downloads (proxy.ts sets the per-request CSP,
 * next.config.ts the rest), and real Chromium reporting no CSP violation on pages that hydrate,
 * submit forms and navigate. The expected values are written out here, not imported, so a change
 * to them is a visible change to this spec.
 */
const STATIC_HEADERS = {
  "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-content-type-options": "nosniff",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

/** Parses a policy into directive → sources, and checks every directive we rely on (production build: no 'unsafe-eval'). */
function expectStrictPolicy(policy: string | undefined): string {
  expect(policy, "Content-Security-Policy header").toBeTruthy();
  const directives = Object.fromEntries(
    policy!.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources.join(" ")]),
  );
  const nonce = /^'self' 'nonce-([A-Za-z0-9+/=]{16,})' 'strict-dynamic'$/.exec(directives["script-src"] ?? "")?.[1];
  expect(nonce, `script-src was "${directives["script-src"]}"`).toBeTruthy();
  expect(directives).toMatchObject({
    "default-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self' https://checkout.stripe.com",
    "frame-ancestors": "'none'",
  });
  expect(policy).not.toContain("unsafe-eval");
  return nonce!;
}

function expectAllHeaders(response: APIResponse | { headers(): Record<string, string> }): string {
  const headers = response.headers();
  for (const [name, value] of Object.entries(STATIC_HEADERS)) expect(headers[name], name).toBe(value);
  return expectStrictPolicy(headers["content-security-policy"]);
}

/** Collects CSP violations the page reports, from the DOM event and from the console. */
async function watchViolations(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => {
    if (/Content Security Policy/i.test(error.message)) violations.push(`pageerror: ${error.message}`);
  });
  // Init scripts run through DevTools, outside the page's CSP.
  await page.addInitScript(() => {
    const store: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = store;
    document.addEventListener("securitypolicyviolation", (event) => store.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`));
  });
  return async () => [...violations, ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []))];
}

/** Every <script> in the server's HTML carries this response's nonce, and Next's inline boot scripts ran. */
async function expectScriptsCarryNonce(page: Page, html: string, nonce: string) {
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(3);
  expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  expect(await page.evaluate(() => Array.isArray((self as unknown as { __next_f?: unknown[] }).__next_f))).toBe(true);
}

test.describe("security headers", () => {
  test("a page, an API route and a download each carry every security header, with a fresh nonce per response", async ({ page, request, loginAs }) => {
    const home = await request.get("/");
    expect(home.status()).toBe(200);
    const first = expectAllHeaders(home);
    const second = expectAllHeaders(await request.get("/"));
    expect(second).not.toBe(first);

    const api = await request.get("/api/health");
    expect(api.ok()).toBe(true);
    expectAllHeaders(api);

    // A download behind sign-in: the director's invoice export.
    await loginAs("director");
    const download = await page.request.get("/director/invoices/export.csv");
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toContain("attachment");
    expectAllHeaders(download);

    // Auth.js's own endpoints and the not-found page too.
    expectAllHeaders(await request.get("/api/auth/csrf"));
    const missing = await request.get("/no-such-page");
    expect(missing.status()).toBe(404);
    expectAllHeaders(missing);
  });

  test("a PDF carries the static headers and a policy that only forbids framing, which Chrome's PDF viewer works under", async ({ page, loginAs }) => {
    await loginAs("lived-associate");
    const pdf = await page.request.get(`/associate/money/statement.pdf?month=${new Date().toISOString().slice(0, 7)}`, { maxRedirects: 0 });
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    for (const [name, value] of Object.entries(STATIC_HEADERS)) expect(pdf.headers()[name], name).toBe(value);
    // object-src 'none' or a default-src would leave inline PDFs blank in Chrome (crbug.com/271452).
    expect(pdf.headers()["content-security-policy"]).toBe("frame-ancestors 'none'");
  });

  test("the home page runs with no CSP violation and every script carries the response's nonce", async ({ page }) => {
    const violations = await watchViolations(page);
    const response = await page.goto("/");
    const nonce = expectAllHeaders(response!);
    await expectScriptsCarryNonce(page, await response!.text(), nonce);
    // Client-side navigation works (scripts loaded through 'strict-dynamic').
    await page.getByRole("link", { name: "Sign in" }).first().click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.getByLabel("Email address").fill("not-an-email");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("Enter an email address like name@example.org.")).toBeVisible();
    expect(await violations()).toEqual([]);
  });

  test("a signed-in client's settings form and the booking page run with no CSP violation", async ({ page, loginAs }) => {
    const violations = await watchViolations(page);
    await loginAs("home-admin");

    const settings = await page.goto("/org/oak-house/settings");
    expect(settings!.status()).toBe(200);
    await expectScriptsCarryNonce(page, await settings!.text(), expectAllHeaders(settings!));
    await expect(page.locator("form").first()).toBeVisible();

    const booking = await page.goto("/org/oak-house/book/training");
    expect(booking!.status()).toBe(200);
    await expectScriptsCarryNonce(page, await booking!.text(), expectAllHeaders(booking!));
    // Choosing a day is client-side state: the heading follows only if React hydrated under the policy.
    const secondDay = page.locator('label:has(input[name="day"])').nth(1);
    const dayName = await secondDay.locator("span").first().innerText();
    await secondDay.click();
    await expect(page.getByText(`2. Choose a start time on ${dayName}`)).toBeVisible();
    expect(await violations()).toEqual([]);
  });
});
