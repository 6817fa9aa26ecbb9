import { readdirSync } from "node:fs";
import path from "node:path";
import type { Victims } from "./isolation-victims";

/**
 * The tenant-isolation matrix's view of the app: every page (page.tsx) and route handler (route.ts)
 * under app/, found by walking the directory at run time, and a fill-in table saying who owns each one
 * and which seeded records fill its dynamic segments. A new page or route with no row here fails the
 * matrix spec, so it cannot be forgotten.
 */

export type DiscoveredRoute = {
  /** e.g. "app/org/[slug]/engagements/[reference]/page.tsx" */
  file: string;
  kind: "page" | "route";
  /** The URL pattern derived from the folder path, e.g. "/org/[slug]/engagements/[reference]". */
  pattern: string;
  /** Dynamic segment names in order, e.g. ["slug", "reference"]. */
  segments: string[];
};

const appDir = path.resolve(import.meta.dirname, "..", "..", "..", "app");

/** Walks app/ for page.tsx and route.ts; route groups "(x)" and parallel slots "@x" are not in the URL. */
export function discoverRoutes(root = appDir): DiscoveredRoute[] {
  const found: DiscoveredRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const kind = /^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name) ? "page" : /^route\.(ts|js)$/.test(entry.name) ? "route" : null;
      if (!kind) continue;
      const parts = path.relative(root, dir).split(path.sep).filter((part) => part && !/^\(.*\)$/.test(part) && !part.startsWith("@"));
      const segments = parts.flatMap((part) => {
        const match = /^\[(?:\.\.\.|\[\.\.\.)?([^\]]+)\]\]?$/.exec(part);
        return match ? [match[1]!] : [];
      });
      found.push({ file: path.relative(path.dirname(root), full).split(path.sep).join("/"), kind, pattern: `/${parts.join("/")}`, segments });
    }
  };
  walk(root);
  return found.sort((a, b) => a.pattern.localeCompare(b.pattern) || a.kind.localeCompare(b.kind));
}

/**
 * Who may open a route:
 * - `org-member` / `org-admin`: members (admins) of the organisation in the URL (requireMembership);
 * - `director`: the director only; `associate-self`: the signed-in associate's own pages (no id in the URL);
 * - `associate-record`: one associate's record by id (their own; receipts also the director);
 * - `token`: a secret link (attendee feedback, calendar feed) — a made-up or foreign secret is not found;
 * - `dev-only`: absent in production, so not found for everyone;
 * - `public` / `signed-in-self`: no one client's or associate's data (checked only for leaks);
 * - `external`: Auth.js and the Stripe webhook, covered by their own suites.
 */
export type Access = "org-member" | "org-admin" | "director" | "associate-self" | "associate-record" | "token" | "dev-only" | "public" | "signed-in-self" | "external";

export type RouteRule = {
  access: Access;
  /** Why a route needs no isolation attempts (public, signed-in-self, external). */
  why?: string;
  /** The victim's real values for each dynamic segment (every segment of the pattern must be filled). */
  fill?: (v: Victims) => Record<string, string>;
  /** A query string some routes need to get past input checks (e.g. a month). */
  query?: (v: Victims) => string;
  /** What a visitor who is not signed in gets: a sign-in redirect (requireX guards) or 404 (handlers that answer 404 themselves). */
  anonymous: "sign-in" | "not-found";
  /** Route handlers that only answer POST (a form), e.g. the director's subject access export. */
  post?: (v: Victims) => Record<string, string>;
  /** The legitimate owner's control request should get this (proves the victim values are real); "reachable" = 200 or a redirect, not 404. */
  owner?: "ok" | "reachable" | "skip";
};

const org = (v: Victims) => ({ slug: v.org.slug });
const engagement = (v: Victims) => ({ slug: v.org.slug, reference: v.engagement.reference });
const delivery = (v: Victims) => ({ ...engagement(v), delivery: v.delivery.id });

/** The fill-in table: one row per URL pattern under app/. */
export const ROUTE_TABLE: Record<string, RouteRule> = {
  // Public and personal routes: no one client's or associate's data.
  "/": { access: "public", why: "The public home page.", anonymous: "not-found" },
  "/glossary": { access: "public", why: "Plain-English glossary.", anonymous: "not-found" },
  "/services": { access: "public", why: "The public catalogue.", anonymous: "not-found" },
  "/services/[slug]": { access: "public", why: "A public service page.", fill: (v) => ({ slug: v.service.slug }), anonymous: "not-found" },
  "/services/[slug]/book": { access: "signed-in-self", why: "Sends the signed-in person to their own organisation's booking page.", fill: (v) => ({ slug: v.service.slug }), anonymous: "sign-in" },
  "/sign-in": { access: "public", why: "Sign-in form (HARDEN's suites).", anonymous: "not-found" },
  "/sign-in/check-email": { access: "public", why: "Says a link was sent.", anonymous: "not-found" },
  "/dashboard": { access: "signed-in-self", why: "Redirects each person to their own home.", anonymous: "sign-in" },
  "/welcome": { access: "signed-in-self", why: "First steps for someone with no organisation yet.", anonymous: "sign-in" },
  "/org/new": { access: "signed-in-self", why: "Registers a new organisation for the signed-in person.", anonymous: "sign-in" },
  "/api/health": { access: "public", why: "Health check: database reachable, no data.", anonymous: "not-found" },
  "/api/auth/[...nextauth]": { access: "external", why: "Auth.js's own endpoints (sign-in suites).", anonymous: "not-found" },
  "/api/webhooks/stripe": { access: "external", why: "POST only, Stripe-signed (the payments suite).", anonymous: "not-found" },
  "/dev/mailbox": { access: "dev-only", anonymous: "not-found", owner: "skip" },

  // Secret links.
  "/api/calendar/[token]": { access: "token", fill: (v) => ({ token: `${v.associate.calendarFeedToken}.ics` }), anonymous: "not-found" },
  "/feedback/[token]": { access: "token", fill: (v) => ({ token: v.attendee.accessToken }), anonymous: "not-found" },
  "/feedback/[token]/certificate.pdf": { access: "token", fill: (v) => ({ token: v.attendee.accessToken }), anonymous: "not-found", owner: "skip" },

  // The client organisation's pages.
  "/org/[slug]": { access: "org-member", fill: org, anonymous: "sign-in" },
  "/org/[slug]/invoices": { access: "org-member", fill: org, anonymous: "sign-in" },
  "/org/[slug]/invoices/[number]/invoice.pdf": { access: "org-member", fill: (v) => ({ slug: v.org.slug, number: String(v.invoice.number) }), anonymous: "not-found" },
  "/org/[slug]/settings": { access: "org-admin", fill: org, anonymous: "sign-in" },
  "/org/[slug]/book/[service]": { access: "org-member", fill: (v) => ({ slug: v.org.slug, service: v.service.slug }), anonymous: "sign-in" },
  "/org/[slug]/request/[service]": { access: "org-member", fill: (v) => ({ slug: v.org.slug, service: v.requestService.slug }), anonymous: "sign-in" },
  "/org/[slug]/bookings/[reference]": { access: "org-member", fill: engagement, anonymous: "sign-in", owner: "reachable" },
  "/org/[slug]/engagements/[reference]": { access: "org-member", fill: engagement, anonymous: "sign-in" },
  "/org/[slug]/engagements/[reference]/cancel-all": { access: "org-member", fill: engagement, anonymous: "sign-in", owner: "reachable" },
  "/org/[slug]/engagements/[reference]/reschedule-all": { access: "org-member", fill: engagement, anonymous: "sign-in", owner: "reachable" },
  "/org/[slug]/engagements/[reference]/cancel/[delivery]": { access: "org-member", fill: delivery, anonymous: "sign-in", owner: "reachable" },
  "/org/[slug]/engagements/[reference]/reschedule/[delivery]": { access: "org-member", fill: delivery, anonymous: "sign-in", owner: "reachable" },
  "/org/[slug]/engagements/[reference]/sessions/[delivery]/calendar.ics": { access: "org-member", fill: delivery, anonymous: "not-found" },

  // The director's pages.
  "/director": { access: "director", anonymous: "sign-in" },
  "/director/associates": { access: "director", anonymous: "sign-in" },
  "/director/associates/[id]": { access: "director", fill: (v) => ({ id: v.associate.id }), anonymous: "sign-in" },
  "/director/audit": { access: "director", anonymous: "sign-in" },
  "/director/checks": { access: "director", anonymous: "sign-in" },
  "/director/clients": { access: "director", anonymous: "sign-in" },
  "/director/clients/[id]": { access: "director", fill: (v) => ({ id: v.org.id }), anonymous: "sign-in" },
  "/director/deliveries/[id]": { access: "director", fill: (v) => ({ id: v.delivery.id }), anonymous: "sign-in" },
  "/director/engagements": { access: "director", anonymous: "sign-in" },
  "/director/expenses": { access: "director", anonymous: "sign-in" },
  "/director/inspections": { access: "director", anonymous: "sign-in" },
  "/director/inspections/new": { access: "director", anonymous: "sign-in" },
  "/director/inspections/[id]": { access: "director", fill: (v) => ({ id: v.inspection.id }), anonymous: "sign-in" },
  "/director/inspections/[id]/report.pdf": { access: "director", fill: (v) => ({ id: v.inspection.id }), anonymous: "not-found" },
  "/director/invoices": { access: "director", anonymous: "sign-in" },
  "/director/invoices/new": { access: "director", query: (v) => `engagement=${encodeURIComponent(v.engagement.reference)}`, anonymous: "sign-in" },
  "/director/invoices/export.csv": { access: "director", anonymous: "not-found" },
  "/director/invoices/[id]": { access: "director", fill: (v) => ({ id: v.invoice.id }), anonymous: "sign-in" },
  "/director/invoices/[id]/invoice.pdf": { access: "director", fill: (v) => ({ id: v.invoice.id }), anonymous: "not-found" },
  "/director/invoices/[id]/invoice.xml": { access: "director", fill: (v) => ({ id: v.invoice.id }), anonymous: "not-found" },
  "/director/invoices/credit-notes/[creditNoteId]/credit-note.pdf": { access: "director", fill: (v) => ({ creditNoteId: v.creditNote.id }), anonymous: "not-found", owner: "skip" },
  "/director/pay": { access: "director", anonymous: "sign-in" },
  "/director/privacy": { access: "director", anonymous: "sign-in" },
  "/director/privacy/export": { access: "director", post: (v) => ({ email: v.associate.email }), anonymous: "sign-in" },
  "/director/pay/[id]": { access: "director", fill: (v) => ({ id: v.payRun.id }), anonymous: "sign-in" },
  "/director/pay/[id]/bank-file.csv": { access: "director", fill: (v) => ({ id: v.payRun.id }), anonymous: "sign-in" },
  "/director/reports": { access: "director", anonymous: "sign-in" },
  "/director/reports/evaluation": { access: "director", anonymous: "sign-in" },
  "/director/requests": { access: "director", anonymous: "sign-in" },
  "/director/requests/[reference]": { access: "director", fill: (v) => ({ reference: v.request.reference }), anonymous: "sign-in" },
  "/director/services": { access: "director", anonymous: "sign-in" },
  "/director/services/[id]": { access: "director", fill: (v) => ({ id: v.service.id }), anonymous: "sign-in" },

  // The associate's pages.
  "/associate": { access: "associate-self", anonymous: "sign-in" },
  "/associate/availability": { access: "associate-self", anonymous: "sign-in" },
  "/associate/checks": { access: "associate-self", anonymous: "sign-in" },
  "/associate/money": { access: "associate-self", anonymous: "sign-in" },
  "/associate/money/expenses/new": { access: "associate-self", anonymous: "sign-in" },
  "/associate/money/statement.pdf": { access: "associate-self", anonymous: "sign-in", owner: "reachable" },
  "/associate/money/jobcentre-letter.pdf": { access: "associate-self", anonymous: "sign-in", owner: "skip" },
  "/associate/offers": { access: "associate-self", anonymous: "sign-in" },
  "/associate/profile": { access: "associate-self", anonymous: "sign-in" },
  "/associate/profile/my-data.json": { access: "associate-self", anonymous: "sign-in" },
  "/associate/sessions": { access: "associate-self", anonymous: "sign-in" },
  "/associate/sessions/[assignment]": { access: "associate-record", fill: (v) => ({ assignment: v.associate.assignmentId }), anonymous: "sign-in" },
  "/associate/money/expenses/[id]/edit": { access: "associate-record", fill: (v) => ({ id: v.associate.queriedClaimId ?? v.associate.claimId ?? "" }), anonymous: "sign-in", owner: "skip" },
  "/associate/money/expenses/[id]/receipt": { access: "associate-record", fill: (v) => ({ id: v.associate.claimId ?? "" }), anonymous: "sign-in" },
};

/** Builds the URL for a pattern from filled segments (catch-alls take the value as is). */
export function buildPath(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for [${name}] in ${pattern}`);
    return name === "nextauth" ? value : encodeURIComponent(value);
  });
}
