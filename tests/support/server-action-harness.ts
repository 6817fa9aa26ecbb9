/**
 * Calls the app's real server actions (app/**\/actions.ts) from Vitest, as a given person.
 *
 * Only the framework edge is stubbed: `next/headers` (headers() and cookies() read a per-call cookie jar
 * holding a real Auth.js database-session cookie for a real `Session` row) and `next/cache`
 * (revalidatePath/revalidateTag do nothing outside Next). Everything behind them runs for real:
 * next-auth's auth() reads the session through the Prisma adapter, getActor loads the person, the
 * guards in lib/auth/guards.ts throw Next's own notFound()/redirect(), and the use cases write to
 * PostgreSQL. Each call runs in its own AsyncLocalStorage context, so concurrent calls can act as
 * different people.
 *
 * Import this module before any action module (the mocks are registered when it is evaluated), e.g.
 * import the harness statically and the actions with `await import(...)` or `loadActionModules()`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { readdirSync } from "node:fs";
import { register } from "node:module";
import path from "node:path";
import pg from "pg";
import { vi } from "vitest";

type CookieValue = { name: string; value: string };

/** One request's cookies: what the browser sent, plus what the action set (e.g. demo sign-in). */
class CookieJar {
  private readonly values = new Map<string, string>();
  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.values.set(name, value);
  }
  get(nameOrCookie: string | { name: string }): CookieValue | undefined {
    const name = typeof nameOrCookie === "string" ? nameOrCookie : nameOrCookie.name;
    const value = this.values.get(name);
    return value === undefined ? undefined : { name, value };
  }
  getAll(name?: string): CookieValue[] {
    return [...this.values].filter(([key]) => name === undefined || key === name).map(([key, value]) => ({ name: key, value }));
  }
  has(name: string): boolean {
    return this.values.has(name);
  }
  set(nameOrOptions: string | { name: string; value: string }, value?: string): this {
    if (typeof nameOrOptions === "string") this.values.set(nameOrOptions, value ?? "");
    else this.values.set(nameOrOptions.name, nameOrOptions.value);
    return this;
  }
  delete(nameOrOptions: string | { name: string }): this {
    this.values.delete(typeof nameOrOptions === "string" ? nameOrOptions : nameOrOptions.name);
    return this;
  }
  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  get size() {
    return this.values.size;
  }
  [Symbol.iterator]() {
    return this.getAll().map((cookie) => [cookie.name, cookie] as const)[Symbol.iterator]();
  }
}

type RequestContext = { jar: CookieJar; actor?: PreloadedActor };
const requestContext = new AsyncLocalStorage<RequestContext>();

function currentJar(): CookieJar {
  // Outside callAs (e.g. a stray import-time call) the request has no cookies: an anonymous visitor.
  return requestContext.getStore()?.jar ?? new CookieJar();
}

function requestHeaders(): Headers {
  const appUrl = new URL(process.env.APP_URL ?? "http://localhost:3000");
  const headers = new Headers({
    host: appUrl.host,
    "x-forwarded-proto": appUrl.protocol.replace(":", ""),
    "user-agent": "server-action-harness",
    "x-forwarded-for": "127.0.0.1",
  });
  const cookie = currentJar().header();
  if (cookie) headers.set("cookie", cookie);
  return headers;
}

const nextHeaders = {
  headers: async () => requestHeaders(),
  cookies: async () => currentJar(),
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};

// Our own modules (app/, lib/) are transformed by Vitest, so vi.mock reaches their imports.
vi.mock("next/headers", () => nextHeaders);

/*
 * next-auth is not transformed: Node imports it natively, where vi.mock cannot reach, and where its
 * extensionless "next/headers" / "next/server" imports do not even resolve (Next's bundler allows them).
 * A Node resolve hook (module.register) points next-auth's "next/headers" at a tiny module that calls the
 * same stub as above (through a global), and its other "next/…" imports at the real files.
 */
const HARNESS_KEY = "golden-thread.server-action-harness";
const harnessGlobal = globalThis as unknown as Record<symbol, unknown>;
harnessGlobal[Symbol.for(HARNESS_KEY)] = nextHeaders;
const HEADERS_SHIM = `data:text/javascript,${encodeURIComponent(
  [
    `const edge = () => globalThis[Symbol.for(${JSON.stringify(HARNESS_KEY)})];`,
    "export const headers = (...args) => edge().headers(...args);",
    "export const cookies = (...args) => edge().cookies(...args);",
    "export const draftMode = (...args) => edge().draftMode(...args);",
  ].join("\n"),
)}`;
const RESOLVE_HOOK = `data:text/javascript,${encodeURIComponent(
  [
    `const shim = ${JSON.stringify(HEADERS_SHIM)};`,
    "export async function resolve(specifier, context, nextResolve) {",
    "  if ((context.parentURL ?? '').includes('/node_modules/next-auth/')) {",
    "    if (specifier === 'next/headers') return { url: shim, shortCircuit: true };",
    "    if (/^next\\/(server|navigation)$/.test(specifier)) return nextResolve(`${specifier}.js`, context);",
    "  }",
    "  return nextResolve(specifier, context);",
    "}",
  ].join("\n"),
)}`;
const hookFlag = Symbol.for(`${HARNESS_KEY}.hook`);
if (!harnessGlobal[hookFlag]) {
  register(RESOLVE_HOOK, import.meta.url);
  harnessGlobal[hookFlag] = true;
}

vi.mock("next/cache", () => ({
  revalidatePath: () => undefined,
  revalidateTag: () => undefined,
  updateTag: () => undefined,
  refresh: () => undefined,
  unstable_cache: <T>(fn: T) => fn,
  unstable_noStore: () => undefined,
  cacheLife: () => undefined,
  cacheTag: () => undefined,
}));

/*
 * Optional fast path (bad-input fuzzing only, thousands of calls): a caller may carry the Actor that the
 * real loadActor built for them once, and getActor returns it instead of running auth() again. Auth itself
 * is exercised through the cookie in every other call; the guards and use cases still run for real.
 */
type PreloadedActor = NonNullable<Awaited<ReturnType<typeof import("@/lib/auth/actor").getActor>>>;
vi.mock("@/lib/auth/actor", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/actor")>();
  return { ...real, getActor: async () => requestContext.getStore()?.actor ?? real.getActor() };
});

/** Someone calling an action: a signed-in person (with a real session token) or nobody. */
export type Caller = { label: string; userId: string | null; sessionToken: string | null; actor?: PreloadedActor };

/** The same caller, with their Actor loaded once (by the real loadActor) and reused on every call. */
export async function withPreloadedActor(caller: Caller): Promise<Caller> {
  if (!caller.userId) return caller;
  const { loadActor } = await import("@/lib/auth/load-actor");
  const actor = await loadActor(caller.userId);
  if (!actor) throw new Error(`No user ${caller.userId}`);
  return { ...caller, actor };
}

export const anonymous: Caller = { label: "anonymous visitor", userId: null, sessionToken: null };

/**
 * Signs a real user in the way a magic link would: a `Session` row in the database and the matching
 * Auth.js cookie value. auth() then finds it through the Prisma adapter like it does in the app.
 */
export async function signInAs(userId: string, label = userId): Promise<Caller> {
  const [{ db }, { newSessionToken, SESSION_DAYS }] = await Promise.all([import("@/lib/db/client"), import("@/lib/auth/session-cookie")]);
  const sessionToken = newSessionToken();
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + SESSION_DAYS * 86_400_000) } });
  return { label, userId, sessionToken };
}

/** What happened when an action ran, as the browser would see it. */
export type ActionOutcome =
  | { kind: "result"; value: unknown }
  | { kind: "not-found" }
  | { kind: "redirect"; location: string; toSignIn: boolean }
  | { kind: "throw"; error: unknown };

export function classifyThrown(error: unknown): ActionOutcome {
  const digest = typeof error === "object" && error !== null && "digest" in error ? (error as { digest: unknown }).digest : undefined;
  if (typeof digest === "string") {
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { kind: "not-found" };
    if (digest.startsWith("NEXT_REDIRECT;")) {
      // NEXT_REDIRECT;<replace|push>;<url>;<status>;
      const location = digest.split(";").slice(2, -2).join(";");
      return { kind: "redirect", location, toSignIn: location === "/sign-in" || location.startsWith("/sign-in?") };
    }
  }
  return { kind: "throw", error };
}

/** Runs one action as `caller` (with its session cookie), and says what happened. Never throws. */
export async function callAs<A extends unknown[]>(caller: Caller, action: (...args: A) => unknown, ...args: A): Promise<ActionOutcome> {
  const { sessionCookieName } = await import("@/lib/auth/session-cookie");
  const jar = new CookieJar(caller.sessionToken ? { [sessionCookieName()]: caller.sessionToken } : {});
  return requestContext.run({ jar, actor: caller.actor }, async () => {
    try {
      return { kind: "result", value: await action(...args) } as const;
    } catch (error) {
      return classifyThrown(error);
    }
  });
}

/** True when an action's returned value is a refusal ({ ok: false, code, message }). */
export function isRefusal(value: unknown): value is { ok: false; code: string; message: string; fieldErrors?: Record<string, string[] | undefined> } {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;
}

export function describeOutcome(outcome: ActionOutcome): string {
  switch (outcome.kind) {
    case "result":
      return isRefusal(outcome.value) ? `refused ${outcome.value.code}: ${outcome.value.message}` : `returned ${JSON.stringify(outcome.value)?.slice(0, 300)}`;
    case "not-found":
      return "notFound()";
    case "redirect":
      return `redirect to ${outcome.location}`;
    case "throw":
      return `threw ${outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : String(outcome.error)}`.slice(0, 600);
  }
}

/** Every app/**\/actions.ts, as a path relative to the repository root (sorted). */
export function findActionFiles(root = process.cwd()): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "actions.ts") found.push(path.relative(root, full));
    }
  };
  walk(path.join(root, "app"));
  return found.sort();
}

export type ActionFunction = (...args: never[]) => Promise<unknown>;

/**
 * Imports every actions module and lists its exported functions, keyed "app/…/actions.ts#name".
 * A "use server" module may export only async functions, so every function export is an action.
 */
export async function loadActions(root = process.cwd()): Promise<Map<string, ActionFunction>> {
  const actions = new Map<string, ActionFunction>();
  for (const file of findActionFiles(root)) {
    const loaded = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(loaded)) {
      if (typeof value === "function") actions.set(`${file}#${name}`, value as ActionFunction);
    }
  }
  return actions;
}

/** A FormData from plain values (arrays become repeated fields, as ticked boxes do). */
export function form(values: Record<string, string | Blob | (string | Blob)[] | undefined> = {}): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, item);
  }
  return data;
}

/** Per table: how many rows, and an order-independent hash of every row's full text (any insert, update or delete changes it). */
export type DatabaseFingerprint = Record<string, { rows: number; hash: string }>;

let fingerprintSql: string | null = null;
let inspector: pg.Client | null = null;

/** A plain connection of our own for looking at the database (separate from the app's pool). */
async function inspect(): Promise<pg.Client> {
  if (!inspector) {
    inspector = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await inspector.connect();
  }
  return inspector;
}

export async function closeInspector() {
  await inspector?.end();
  inspector = null;
}

async function appTables(): Promise<string[]> {
  const client = await inspect();
  const { rows } = await client.query<{ table_name: string }>(`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' AND table_name NOT LIKE '\\_harness%'
    ORDER BY table_name`);
  return rows.map((row) => row.table_name);
}

/** One query over every table in the public schema (Prisma's migration table aside). */
export async function fingerprintDatabase(): Promise<DatabaseFingerprint> {
  const client = await inspect();
  if (!fingerprintSql) {
    const tables = (await appTables()).map((table_name) => ({ table_name }));
    fingerprintSql = tables
      .map(({ table_name: name }) => {
        const quoted = `"${name.replaceAll('"', '""')}"`;
        return `SELECT '${name.replaceAll("'", "''")}' AS name, count(*)::int AS rows, coalesce(sum(hashtext(t::text)::bigint), 0)::text AS hash FROM public.${quoted} t`;
      })
      .join(" UNION ALL ");
  }
  const { rows } = await client.query<{ name: string; rows: number; hash: string }>(fingerprintSql);
  return Object.fromEntries(rows.map((row) => [row.name, { rows: row.rows, hash: row.hash }]));
}

/** The tables whose rows differ between two fingerprints, e.g. ["Invoice (2 → 3 rows)"]. */
export function changedTables(before: DatabaseFingerprint, after: DatabaseFingerprint, ignore: readonly string[] = []): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed: string[] = [];
  for (const name of [...names].sort()) {
    if (ignore.includes(name)) continue;
    const a = before[name];
    const b = after[name];
    if (a?.rows !== b?.rows || a?.hash !== b?.hash) changed.push(`${name} (${a?.rows ?? 0} → ${b?.rows ?? 0} rows${a?.rows === b?.rows ? ", contents changed" : ""})`);
  }
  return changed;
}

/**
 * The demo seed (three client organisations, each with an admin and a booker; fourteen associates with
 * offers, sessions, claims and time off; invoices; the director) plus one associate who has never been
 * assigned anything, and a session for each person the suites act as.
 */
export async function seedActionWorld() {
  const [{ db }, { seedDemoData }, { DEMO_ORGANISATIONS }] = await Promise.all([
    import("@/lib/db/client"),
    import("../../prisma/seed"),
    import("@/lib/demo-accounts"),
  ]);
  await seedDemoData(db as never, { now: new Date() });
  const unassignedUser = await db.user.create({ data: { email: "una.unassigned@associates.thevision.example", name: "Una Unassigned", platformRole: "ASSOCIATE" } });
  await db.associate.create({ data: { userId: unassignedUser.id, expertise: "BOTH", feePerHalfDayPence: 20_000 } });
  const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  const membershipEmail = async (slug: string, role: "ORG_ADMIN" | "BOOKER") =>
    (await db.membership.findFirstOrThrow({ where: { organisation: { slug }, role }, orderBy: { user: { email: "asc" } }, select: { user: { select: { email: true } } } })).user.email;
  const person = async (email: string, label: string) => signInAs(await userId(email), label);
  const people = {
    director: await person("director@thevision.example", "the director"),
    councilAdmin: await person(await membershipEmail(DEMO_ORGANISATIONS.council, "ORG_ADMIN"), "Northshire admin"),
    councilBooker: await person(await membershipEmail(DEMO_ORGANISATIONS.council, "BOOKER"), "Northshire booker"),
    oakAdmin: await person(await membershipEmail(DEMO_ORGANISATIONS.home, "ORG_ADMIN"), "Oak House admin"),
    oakBooker: await person(await membershipEmail(DEMO_ORGANISATIONS.home, "BOOKER"), "Oak House booker"),
    kayla: await person("kayla@associates.thevision.example", "Kayla (assigned associate)"),
    marcus: await person("marcus@associates.thevision.example", "Marcus (another assigned associate)"),
    sam: await person("sam@associates.thevision.example", "Sam (professional associate)"),
    unassigned: await person(unassignedUser.email, "an unassigned associate"),
    anonymous,
    /** A cookie with a made-up session token: must count as nobody. */
    forged: { label: "a visitor with a made-up session cookie", userId: null, sessionToken: "f".repeat(64) } as Caller,
  };
  return { db, people, slugs: DEMO_ORGANISATIONS };
}

/**
 * A cheap, exact record of committed writes for thousands of calls: a row trigger on every table appends
 * (table, operation) to _harness_write_log inside the writing transaction, so only committed changes show.
 * Installed in this test file's own database copy only (never in a migration).
 */
export async function installWriteLog(): Promise<void> {
  const client = await inspect();
  await client.query(`
    CREATE TABLE IF NOT EXISTS _harness_write_log (id bigserial PRIMARY KEY, table_name text NOT NULL, operation text NOT NULL);
    CREATE OR REPLACE FUNCTION _harness_log_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO _harness_write_log (table_name, operation) VALUES (TG_TABLE_NAME, TG_OP);
      RETURN NULL;
    END $$;`);
  for (const table of await appTables()) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    await client.query(`DROP TRIGGER IF EXISTS _harness_write_log ON public.${quoted}`);
    await client.query(`CREATE TRIGGER _harness_write_log AFTER INSERT OR UPDATE OR DELETE ON public.${quoted} FOR EACH ROW EXECUTE FUNCTION _harness_log_write()`);
  }
}

/** The newest write so far (pass it to writesSince). */
export async function writeMark(): Promise<number> {
  const { rows } = await (await inspect()).query<{ id: string | null }>("SELECT max(id)::text AS id FROM _harness_write_log");
  return Number(rows[0]?.id ?? 0);
}

/** Committed writes after `mark`, e.g. ["INSERT Feedback × 1"], and the new mark (one query). */
export async function writesSince(mark: number): Promise<{ writes: string[]; mark: number }> {
  const { rows } = await (await inspect()).query<{ table_name: string; operation: string; n: string; last: string }>({
    name: "harness-writes-since",
    text: "SELECT table_name, operation, count(*)::text AS n, max(id)::text AS last FROM _harness_write_log WHERE id > $1 GROUP BY 1, 2 ORDER BY 1, 2",
    values: [mark],
  });
  return {
    writes: rows.map((row) => `${row.operation} ${row.table_name} × ${row.n}`),
    mark: rows.reduce((newest, row) => Math.max(newest, Number(row.last)), mark),
  };
}
