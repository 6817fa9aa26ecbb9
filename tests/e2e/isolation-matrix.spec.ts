import { randomBytes } from "node:crypto";
import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { withDb } from "./support/database";
import { type Access, buildPath, discoverRoutes, type DiscoveredRoute, ROUTE_TABLE } from "./support/isolation-routes";
import {
  auditEventsAboutVictims,
  createSessions,
  deleteSessions,
  ensureClaimWithReceipt,
  fingerprint,
  loadVictims,
  removeAdded,
  ROLE_LABELS,
  type RoleKey,
  rowsCreatedBy,
  type Session,
  type Victims,
} from "./support/isolation-victims";

/**
 * Tenant isolation for every page and route handler (issue 7, suite 1, pages half). The routes come from
 * walking app/ (support/isolation-routes.ts); each protected one is requested, with the victim's real ids
 * from the seeded database, as every foreign role. Each attempt must get "not found" (or, for a visitor
 * who is not signed in, a redirect to sign-in), its body must not contain the victim's identifying text,
 * and no victim row may change. Owner controls prove the same URLs work for the people they belong to,
 * so a 404 is the guard's doing, not a bad id.
 */

type Expectation = "not-found" | "sign-in" | "own" | "public";
type Attempt = { pattern: string; kind: DiscoveredRoute["kind"]; role: RoleKey; path: string; form?: Record<string, string>; expect: Expectation; variant: string; tokens: string[] };
type Control = { pattern: string; role: RoleKey; path: string; form?: Record<string, string>; expect: "ok" | "reachable" };

/**
 * The not-found page: Next marks it noindex, and its heading travels in the page's RSC payload. (Every
 * page's payload carries the not-found boundary's words, so the heading alone proves nothing.)
 */
const isNotFoundPage = (body: string) => body.includes('<meta name="robots" content="noindex"/>') && body.includes("Page not found");
/** Shown on the sign-in page in demo mode (the e2e server runs with DEMO_MODE=true), so not secrets there. */
const DEMO_EMAILS = new Set<string>(DEMO_ACCOUNTS.map((a) => a.email));
const CONCURRENCY = 4;

const FOREIGN: Record<Exclude<Access, "public" | "signed-in-self" | "external" | "token">, RoleKey[]> = {
  "org-member": ["foreign-admin", "foreign-booker", "assigned-associate", "other-associate", "anonymous"],
  "org-admin": ["foreign-admin", "foreign-booker", "victim-org-booker", "assigned-associate", "other-associate", "anonymous"],
  director: ["foreign-admin", "foreign-booker", "victim-org-admin", "victim-org-booker", "assigned-associate", "other-associate", "anonymous"],
  "associate-self": ["foreign-admin", "foreign-booker", "victim-org-admin", "victim-org-booker", "director", "anonymous"],
  "associate-record": ["other-associate", "assigned-associate", "foreign-admin", "foreign-booker", "victim-org-admin", "director", "anonymous"],
  "dev-only": ["foreign-admin", "victim-org-admin", "other-associate", "director", "anonymous"],
};
const OWNER: Partial<Record<Access, RoleKey>> = {
  "org-member": "victim-org-admin",
  "org-admin": "victim-org-admin",
  director: "director",
  "associate-self": "victim-associate",
  "associate-record": "victim-associate",
  token: "anonymous",
};

const clean = (values: (string | null | undefined)[]) => [...new Set(values.filter((t): t is string => !!t && t.trim().length >= 4).map((t) => t.trim()))];
const invoiceLabel = (number: number) => `INV-${String(number).padStart(5, "0")}`;

function orgTokens(v: Victims) {
  return clean([
    v.org.name,
    v.org.invoiceEmail,
    v.org.addressLine1,
    v.engagement.reference,
    v.engagement.purchaseOrderNumber,
    v.request.reference,
    v.request.needs?.slice(0, 40),
    invoiceLabel(v.invoice.number),
    ...v.attendees.flatMap((a) => [a.name, a.email]),
  ]);
}
function associateTokens(a: Victims["associate"] | Victims["assignedAssociate"]) {
  // Private details only (never shown to clients, and on a not-found page to no one): email, phone, DBS numbers, the story.
  return clean([a.email, a.phone, ...a.dbsReferences, a.story?.slice(0, 40)]);
}

/** What each attacker legitimately knows already, so finding it on their own not-found page is no leak. */
function knownTo(role: RoleKey, v: Victims): string[] {
  if (role === "victim-org-admin" || role === "victim-org-booker") return orgTokens(v);
  if (role === "assigned-associate") return associateTokens(v.assignedAssociate);
  if (role === "victim-associate") return associateTokens(v.associate);
  return [];
}

function decodeEntities(text: string) {
  return text.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function planAttempts(routes: DiscoveredRoute[], v: Victims): { attempts: Attempt[]; controls: Control[] } {
  const attempts: Attempt[] = [];
  const controls: Control[] = [];
  const secretTokens = clean([...associateTokens(v.associate), ...associateTokens(v.assignedAssociate), ...v.attendees.map((a) => a.email), v.inspection.childrensVoice.slice(0, 40)]);
  const allTokens = clean([...orgTokens(v), ...secretTokens]);
  const tokensFor = (role: RoleKey, path: string, tokens: string[]) => {
    const url = decodeURIComponent(path).toLowerCase();
    const known = new Set(knownTo(role, v));
    return tokens.filter((t) => !known.has(t) && !DEMO_EMAILS.has(t) && !url.includes(t.toLowerCase()));
  };
  for (const route of routes) {
    const rule = ROUTE_TABLE[route.pattern]!;
    if (rule.access === "external") continue;
    const values = rule.fill?.(v) ?? {};
    const query = rule.query ? `?${rule.query(v)}` : "";
    const path = buildPath(route.pattern, values) + query;
    const form = rule.post?.(v);
    const add = (role: RoleKey, p: string, expectation: Expectation, variant: string, tokens = allTokens) =>
      attempts.push({ pattern: route.pattern, kind: route.kind, role, path: p, form, expect: expectation, variant, tokens: tokensFor(role, p, tokens) });
    const refused = (role: RoleKey): Expectation => (role === "anonymous" && rule.anonymous === "sign-in" ? "sign-in" : "not-found");

    if (rule.access === "public" || rule.access === "signed-in-self") {
      for (const role of ["anonymous", "foreign-admin", "other-associate"] as const) add(role, path, "public", "public page", secretTokens);
      continue;
    }
    if (rule.access === "token") {
      const isCalendar = route.pattern.startsWith("/api/calendar");
      const madeUp = `c${randomBytes(12).toString("hex")}`;
      const foreignSecret = isCalendar ? v.attendee.accessToken : v.associate.calendarFeedToken;
      for (const role of ["anonymous", "foreign-admin", "other-associate"] as const) {
        add(role, buildPath(route.pattern, { token: isCalendar ? `${madeUp}.ics` : madeUp }), "not-found", "made-up secret");
        add(role, buildPath(route.pattern, { token: isCalendar ? `${foreignSecret}.ics` : foreignSecret }), "not-found", "another kind of secret");
      }
      if (rule.owner !== "skip") controls.push({ pattern: route.pattern, role: "anonymous", path, expect: "ok" });
      continue;
    }
    const isReceipt = route.pattern === "/associate/money/expenses/[id]/receipt";
    for (const role of FOREIGN[rule.access]) {
      if (isReceipt && role === "director") continue; // the director may download receipts
      add(role, path, refused(role), "victim's URL");
    }
    // Another associate opening an associate's own page (or their JSON data export) gets their own, with none of the victim's details.
    if (rule.access === "associate-self" && (route.kind === "page" || route.pattern.endsWith(".json"))) add("other-associate", path, "own", "own page, victim's data absent", associateTokens(v.associate));
    // Smuggling: the attacker's own organisation in the URL, the victim's records after it.
    if ((rule.access === "org-member" || rule.access === "org-admin") && route.segments.some((segment) => ["reference", "delivery", "number"].includes(segment))) {
      const smuggled = buildPath(route.pattern, { ...values, slug: "oak-house" }) + query;
      add("foreign-admin", smuggled, "not-found", "own organisation's URL, victim's records");
      if (rule.access === "org-member") add("foreign-booker", smuggled, "not-found", "own organisation's URL, victim's records");
    }
    const owner = OWNER[rule.access];
    if (owner && rule.owner !== "skip") controls.push({ pattern: route.pattern, role: owner, path, form, expect: rule.owner === "reachable" ? "reachable" : "ok" });
    if (isReceipt) controls.push({ pattern: route.pattern, role: "director", path, expect: "ok" });
  }
  return { attempts, controls };
}

function send(context: APIRequestContext, request: { path: string; form?: Record<string, string> }) {
  const options = { maxRedirects: 0, failOnStatusCode: false, timeout: 60_000 };
  return request.form ? context.post(request.path, { ...options, form: request.form }) : context.get(request.path, options);
}

async function pool<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

test.describe("tenant isolation matrix: pages and route handlers", () => {
  test("every page and route handler under app/ has a row in the isolation table, with every dynamic segment filled", async () => {
    const routes = discoverRoutes();
    expect(routes.length).toBeGreaterThan(50);
    const patterns = new Set(routes.map((r) => r.pattern + (r.kind === "route" ? " (route)" : "")));
    const missing = routes.filter((r) => !ROUTE_TABLE[r.pattern]).map((r) => `${r.pattern}  ← ${r.file}`);
    expect(missing, "New pages or route handlers need a row in tests/e2e/support/isolation-routes.ts (who owns them, which victim ids fill them)").toEqual([]);
    const stale = Object.keys(ROUTE_TABLE).filter((pattern) => !routes.some((r) => r.pattern === pattern));
    expect(stale, "Rows for routes that no longer exist").toEqual([]);
    const fake = new Proxy({}, { get: () => new Proxy({}, { get: () => "x" }) }) as unknown as Victims;
    const unfilled = routes.filter((r) => {
      const rule = ROUTE_TABLE[r.pattern]!;
      if (rule.access === "external") return false;
      const filled = Object.keys(rule.fill?.(fake) ?? {}).sort();
      return JSON.stringify(filled) !== JSON.stringify([...r.segments].sort());
    });
    expect(unfilled.map((r) => r.pattern), "Every dynamic segment needs a victim value").toEqual([]);
    const unprotected = routes.filter((r) => ["public", "signed-in-self"].includes(ROUTE_TABLE[r.pattern]!.access) && r.segments.length > 0 && !ROUTE_TABLE[r.pattern]!.why);
    expect(unprotected, "A public route with a dynamic segment must say why it holds no tenant data").toEqual([]);
    console.log(`isolation-matrix: ${patterns.size} pages and route handlers found under app/, ${routes.filter((r) => ["external", "public", "signed-in-self"].includes(ROUTE_TABLE[r.pattern]!.access)).length} public or external`);
  });

  test("every foreign role gets 'not found' (or sign-in), sees none of the victim's details, and writes nothing", async ({ baseURL }) => {
    test.setTimeout(600_000);
    const routes = discoverRoutes().filter((r) => ROUTE_TABLE[r.pattern]);
    const started = new Date(Date.now() - 1000);
    const setup = await withDb(async (client) => {
      const victims = await loadVictims(client);
      const added = await ensureClaimWithReceipt(client, victims);
      const sessions = await createSessions(client, victims);
      const before = await fingerprint(client, victims);
      return { victims, added, sessions, before };
    });
    const { victims, sessions } = setup;
    const contexts = new Map<RoleKey, APIRequestContext>();
    const contextFor = async (session: Session) => {
      let context = contexts.get(session.role);
      if (!context) {
        context = await request.newContext({ baseURL, extraHTTPHeaders: session.token ? { cookie: `authjs.session-token=${session.token}` } : {} });
        contexts.set(session.role, context);
      }
      return context;
    };

    try {
      const { attempts, controls } = planAttempts(routes, victims);
      const failures: string[] = [];
      const leaks: string[] = [];
      const streamed: string[] = [];
      const byExpectation: Record<Expectation, number> = { "not-found": 0, "sign-in": 0, own: 0, public: 0 };

      await pool(attempts, CONCURRENCY, async (attempt) => {
        const response = await send(await contextFor(sessions[attempt.role]), attempt);
        const status = response.status();
        const body = decodeEntities(await response.text());
        const where = `${attempt.path} as ${ROLE_LABELS[attempt.role]} (${attempt.variant})`;
        byExpectation[attempt.expect]++;
        const leaked = attempt.tokens.filter((token) => body.includes(token));
        if (leaked.length) leaks.push(`${where}: status ${status}, body contains ${JSON.stringify(leaked)}`);
        if (status >= 500) failures.push(`${where}: server error ${status}`);
        if (attempt.expect === "not-found" && status !== 404) {
          if (status === 200 && isNotFoundPage(body)) streamed.push(`${where}: status 200 with the not-found page (streamed before notFound())`);
          else failures.push(`${where}: expected 404, got ${status}${response.headers().location ? ` → ${response.headers().location}` : ""}`);
        }
        if (attempt.expect === "not-found" && status === 404 && attempt.kind === "page" && !isNotFoundPage(body)) failures.push(`${where}: 404 without the not-found page`);
        if (attempt.expect === "sign-in") {
          const location = response.headers().location;
          const target = location ? new URL(location, baseURL) : null;
          if (!(status >= 300 && status < 400 && target?.pathname === "/sign-in")) {
            if (status === 200 && /http-equiv="refresh"[^>]*\/sign-in/.test(body)) streamed.push(`${where}: status 200 with a meta-refresh to sign-in (streamed before redirect())`);
            else failures.push(`${where}: expected a redirect to /sign-in, got ${status}${location ? ` → ${location}` : ""}`);
          }
        }
        if (attempt.expect === "own" && status !== 200) failures.push(`${where}: expected their own page (200), got ${status}`);
      });

      const after = await withDb((client) => fingerprint(client, victims));
      const attackerIds = (["foreign-admin", "foreign-booker", "victim-org-admin", "victim-org-booker", "assigned-associate", "other-associate"] as const).map((r) => sessions[r].userId!);
      const outsiderIds = (["foreign-admin", "foreign-booker", "other-associate"] as const).map((r) => sessions[r].userId!);
      const audits = await withDb((client) => auditEventsAboutVictims(client, victims, attackerIds, outsiderIds, started));
      const created = await withDb((client) => rowsCreatedBy(client, [sessions["foreign-booker"].userId!, sessions["other-associate"].userId!, sessions["assigned-associate"].userId!], started));

      // Owner controls (after the checks above, as the organisation's admin is also an attacker elsewhere and her own downloads are audited): the same URLs work for the people they belong to.
      await pool(controls, CONCURRENCY, async (control) => {
        const response = await send(await contextFor(sessions[control.role]), control);
        const status = response.status();
        const isOk = control.expect === "ok" ? status === 200 : status === 200 || (status >= 300 && status < 400);
        if (!isOk) failures.push(`owner control ${control.path} as ${control.role}: expected ${control.expect}, got ${status}`);
      });

      const protectedAttempts = attempts.filter((a) => a.expect !== "public").length;
      const byRole = Object.entries(attempts.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.role]: (acc[a.role] ?? 0) + 1 }), {}))
        .map(([role, n]) => `${role} ${n}`)
        .join(", ");
      console.log(`isolation-matrix: ${protectedAttempts} attempts, ${leaks.length} leaks`);
      console.log(
        `isolation-matrix: ${new Set(attempts.map((a) => a.pattern)).size} routes; ${byExpectation["not-found"]} expected not-found, ${byExpectation["sign-in"]} expected sign-in, ${byExpectation.own} own-page checks; ${byExpectation.public} public-page leak checks; ${controls.length} owner controls; by role: ${byRole}`,
      );
      for (const [title, list] of [["leaks", leaks], ["wrong answers", failures], ["refusals streamed with status 200", streamed]] as const) {
        if (list.length) console.log(`isolation-matrix: ${title} (${list.length}):\n  ${list.join("\n  ")}`);
      }

      expect(leaks, "Victim details in a foreign response").toEqual([]);
      expect(failures, "Wrong answers").toEqual([]);
      expect(streamed, "Refusals answered with status 200 (streamed)").toEqual([]);
      expect(after, "Victim rows changed during the attempts").toEqual(setup.before);
      expect(audits, "Audit events about the victim by foreign people (a refused read must record nothing)").toEqual([]);
      expect(created, "Rows created by the attackers").toEqual({ engagements: 0, invoices: 0, attendees: 0 });
      expect(protectedAttempts).toBeGreaterThanOrEqual(200);
    } finally {
      for (const context of contexts.values()) await context.dispose();
      await withDb(async (client) => {
        await deleteSessions(client, sessions);
        await removeAdded(client, setup.added);
      });
    }
  });
});
