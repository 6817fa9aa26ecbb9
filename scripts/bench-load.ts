/**
 * `npm run bench:load`: HTTP load on the production server (`next start`, loopback only) with autocannon.
 *   tsx scripts/bench-load.ts [--duration 60] [--connections 50] [--port N] [--verbose]
 *
 * Starts its own server through scripts/serve.ts (`start --database gt_load --fresh`: a freshly migrated
 * and seeded database of its own; builds first if there is no .next build), then measures three targets,
 * one after the other, each with `--connections` concurrent connections for `--duration` seconds:
 *   1. the public catalogue page (GET /services);
 *   2. the slot page, where a signed-in booker picks a time (GET /org/<org>/book/<service>);
 *   3. the booking action: the "hold this time" server action the slot page's form calls (POST to the
 *      page with the `Next-Action` header and React's encoded arguments, exactly what the browser sends),
 *      every request for the same time. The first few succeed (200 with x-action-redirect to the held booking, while free pairs
 *      of facilitators last); the rest are expected to be refused with "that time was just taken"
 *      (SLOT_TAKEN): those are counted as handled, not errors. An error is a failed connection, a timeout
 *      or a 5xx.
 * The session is a database session written for the seeded booker (as a magic link would), sent as the
 * Auth.js cookie. Prints a table and writes the figures as JSON to the system temp directory
 * (`.bench/` is not git-ignored), for docs/reliability.md and docs/benchmarks.md.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { resolveDatabase } from "../lib/db/database-url";
import { withDatabase } from "../lib/db/embedded";

type AutocannonResult = {
  requests: { total: number; average: number; sent: number };
  throughput: { average: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  "3xx": number;
  "4xx": number;
  "5xx": number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
};
type AutocannonRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string>) => void;
};
type AutocannonOptions = { url: string; connections: number; duration: number; timeout?: number; headers?: Record<string, string>; requests?: AutocannonRequest[] };
type AutocannonInstance = { on: (event: "response", listener: (client: unknown, status: number, bytes: number, responseTime: number) => void) => void };
type Autocannon = (options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;

const require = createRequire(import.meta.url);
const autocannon = require("autocannon") as Autocannon;

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const duration = Number(option("duration") ?? 60);
const connections = Number(option("connections") ?? 50);
const DATABASE = "gt_load";
const ORG = "northshire-council";
const BOOKER = "booker@northshire.example";
const OUTPUT = path.join(os.tmpdir(), "golden-thread-bench-load.json");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`The server exited early (${server.exitCode ?? server.signalCode}).`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`The server didn't answer ${base}/api/health within ${timeoutMs / 1000} s.`);
}

/** The id of the hold-slot server action, from the build's manifest (the slot page's form posts to it). */
function holdSlotActionId(): string {
  const manifestPath = path.join(root, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { node: Record<string, { workers: Record<string, unknown>; exportedName?: string; filename?: string }> };
  const page = "app/org/[slug]/book/[service]/page";
  const candidates = Object.entries(manifest.node).filter(([, entry]) => Object.keys(entry.workers).includes(page));
  const named = candidates.find(([, entry]) => entry.exportedName === "holdSlotAction");
  if (named) return named[0];
  throw new Error(`No holdSlotAction in ${manifestPath} (found ${candidates.length} actions for ${page}: ${candidates.map(([, e]) => e.exportedName ?? "?").join(", ")}).`);
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0);

type Figures = {
  target: string;
  method: string;
  path: string;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  /** Sent but not answered when the time was up (still queued on a slow machine). */
  unansweredAtEnd: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  requestsPerSecond: number;
  throughputBytesPerSecond: number;
  outcomes?: Record<string, number>;
};

function measure(target: string, base: string, request: AutocannonRequest & { method: string; path: string }): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url: base, connections, duration, timeout: 30, requests: [request] }, (error, result) => {
      if (error) return reject(error);
      const sorted = latencies.sort((a, b) => a - b);
      resolve({
        target,
        method: request.method,
        path: request.path,
        requests: sorted.length,
        p50Ms: Math.round(percentile(sorted, 50)),
        p95Ms: Math.round(percentile(sorted, 95)),
        p99Ms: Math.round(percentile(sorted, 99)),
        maxMs: Math.round(sorted.at(-1) ?? 0),
        errors: result.errors + result["5xx"],
        timeouts: result.timeouts,
        unansweredAtEnd: Math.max(0, result.requests.sent - sorted.length),
        non2xx: result.non2xx,
        statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])),
        requestsPerSecond: Math.round((sorted.length / result.duration) * 10) / 10,
        throughputBytesPerSecond: Math.round(result.throughput.average),
      });
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

type Probe = { method: string; path: string; headers?: Record<string, string>; body?: Buffer };

/** One request outside the measurement: warms the route up and checks it answers as expected. */
async function probe(base: string, { method, path: target, headers, body }: Probe) {
  const started = performance.now();
  const response = await fetch(`${base}${target}`, { method, headers, body: body ? new Uint8Array(body) : undefined, redirect: "manual" });
  const text = await response.text();
  return { status: response.status, ms: Math.round(performance.now() - started), text, redirect: response.headers.get("x-action-redirect") };
}

/** Waits until the server answers its health check quickly again, so one target's backlog doesn't land on the next. */
async function drain(base: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok && performance.now() - started < 1000) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function warmUp(base: string, label: string, request: Probe, isExpected: (status: number, text: string, redirect: string | null) => boolean) {
  const timings: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { status, ms, text, redirect } = await probe(base, request);
    if (!isExpected(status, text, redirect)) throw new Error(`${label}: unexpected answer ${status} during warm-up: ${text.slice(0, 300)}`);
    timings.push(ms);
  }
  console.log(`[load] ${label}: warm-up answers in ${timings.join(", ")} ms.`);
}

async function main() {
  if (!Number.isFinite(duration) || duration < 1 || !Number.isInteger(connections) || connections < 1) throw new Error("--duration and --connections must be positive numbers.");
  const port = Number(option("port") ?? (await freePort()));
  const base = `http://127.0.0.1:${port}`;
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) console.log("[load] No production build yet: scripts/serve.ts will run next build first (a few minutes).");

  console.log(`[load] Starting next start on ${base} with its own database (${DATABASE}, fresh and seeded)…`);
  const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "start", "--port", String(port), "--database", DATABASE, "--fresh"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stopping reaches Next and the background worker too.
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOSTNAME: "127.0.0.1",
      APP_URL: base,
      AUTH_URL: base,
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(24).toString("hex"),
      DEMO_MODE: "false",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const log: string[] = [];
  const isVerbose = args.includes("--verbose");
  const keep = (chunk: Buffer) => {
    if (isVerbose) process.stdout.write(`[server] ${chunk.toString()}`);
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  server.stdout!.on("data", keep);
  server.stderr!.on("data", keep);
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-server.pid!, signal);
    } catch {
      // already gone
    }
  };
  // SIGTERM, then SIGKILL to the whole group after 15 s (or as soon as serve.ts is gone): a Next server still
  // draining requests the load left behind would otherwise outlive this script and keep the CPU busy.
  const stop = async () => {
    signalGroup("SIGTERM");
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      const timer = setTimeout(resolve, 15_000);
      server.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    signalGroup("SIGKILL");
  };

  try {
    await waitForHealth(base, server, 600_000);
    const { url } = await resolveDatabase(DATABASE);
    const client = new pg.Client({ connectionString: withDatabase(url, DATABASE) });
    await client.connect();
    const sessionToken = randomBytes(32).toString("hex");
    let serviceSlug: string;
    try {
      const booker = await client.query<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [BOOKER]);
      if (!booker.rows[0]) throw new Error(`The seeded booker ${BOOKER} is missing.`);
      await client.query(`INSERT INTO "Session" ("sessionToken", "userId", "expires", "updatedAt") VALUES ($1, $2, now() + interval '1 day', now())`, [sessionToken, booker.rows[0].id]);
      const service = await client.query<{ slug: string }>(`SELECT slug FROM "Service" WHERE "bookableOnline" AND active ORDER BY "sortOrder", slug LIMIT 1`);
      if (!service.rows[0]) throw new Error("No bookable service in the seed.");
      serviceSlug = service.rows[0].slug;
    } finally {
      await client.end();
    }
    const cookie = `authjs.session-token=${sessionToken}`;
    const slotPath = `/org/${ORG}/book/${serviceSlug}`;

    // The first time offered on the slot page, and the action's encoded arguments for it.
    const slotHtml = await (await fetch(`${base}${slotPath}`, { headers: { cookie } })).text();
    const times = [...new Set([...slotHtml.matchAll(/name="startsAt" value="([^"]+)"/g)].map((match) => match[1]!))];
    const startsAt = times[0];
    if (!startsAt) throw new Error(`No bookable time on ${slotPath} (is the session cookie accepted?).`);
    // The warm-up holds another time (the last offered), so the measured run starts on a free one.
    const warmUpStartsAt = times.at(-1)!;
    const actionId = holdSlotActionId();
    const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.edge") as { encodeReply: (value: unknown) => Promise<FormData | string> };
    /** The hold-slot action's arguments as the browser encodes them: the bound org slug, the previous state, the form. */
    const encodeHold = async (time: string) => {
      const form = new FormData();
      form.set("service", serviceSlug);
      form.set("startsAt", time);
      form.set("mode", "ONLINE");
      const encoded = new Response(await encodeReply([ORG, null, form]));
      return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type")! };
    };
    const { body, contentType } = await encodeHold(startsAt);
    const warmUpHold = await encodeHold(warmUpStartsAt);

    const actionHeaders = { cookie, "content-type": contentType, "next-action": actionId, origin: base, accept: "text/x-component" };
    await warmUp(base, "Catalogue page", { method: "GET", path: "/services" }, (status) => status === 200);
    await warmUp(base, "Slot page", { method: "GET", path: slotPath, headers: { cookie } }, (status, text) => status === 200 && text.includes('name="startsAt"'));
    await warmUp(base, "Booking action", { method: "POST", path: slotPath, headers: { ...actionHeaders, "content-type": warmUpHold.contentType }, body: warmUpHold.body }, (status, text, redirect) => status === 200 && (!!redirect || text.includes('"code":"SLOT_TAKEN"')));

    const results: Figures[] = [];
    console.log(`[load] ${connections} connections × ${duration} s per target. Loopback only (${base}).`);
    results.push(await measure("Catalogue page", base, { method: "GET", path: "/services" }));
    await drain(base);
    results.push(await measure("Slot page (signed-in booker)", base, { method: "GET", path: slotPath, headers: { cookie } }));
    await drain(base);
    const outcomes: Record<string, number> = { held: 0, slotTaken: 0, otherRefusal: 0, serverError: 0, other: 0 };
    const action = await measure("Booking action (hold one time)", base, {
      method: "POST",
      path: slotPath,
      headers: actionHeaders,
      body,
      // A hold that worked answers 200 with Next's x-action-redirect header (to the held booking) and that
      // page's payload; a refusal answers 200 with the action's Result, e.g. {"ok":false,"code":"SLOT_TAKEN",…}.
      onResponse: (status, text, _context, responseHeaders) => {
        if (status >= 500) outcomes.serverError! += 1;
        else if (status === 200 && responseHeaders["x-action-redirect"]) outcomes.held! += 1;
        else if (text.includes('"code":"SLOT_TAKEN"')) outcomes.slotTaken! += 1;
        else if (text.includes('"ok":false')) outcomes.otherRefusal! += 1;
        else outcomes.other! += 1;
      },
    });
    action.outcomes = outcomes;
    results.push(action);

    const report = {
      measuredAt: new Date().toISOString(),
      tool: `autocannon ${(require("autocannon/package.json") as { version: string }).version}`,
      server: `next start (production build) on ${base}, its own embedded PostgreSQL database ${DATABASE}`,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")} at the end`,
      connections,
      durationSeconds: duration,
      bookingAction: `POST ${slotPath} with Next-Action ${actionId.slice(0, 10)}… (holdSlotAction), every request for ${startsAt}; "held" = 200 with x-action-redirect to the held booking, "slotTaken" = 200 refused with SLOT_TAKEN (handled, not an error)`,
      results,
    };
    writeFileSync(OUTPUT, `${JSON.stringify(report, null, 2)}\n`);

    const rows = results.map((r) => [r.target, String(r.requests), `${r.p50Ms} ms`, `${r.p95Ms} ms`, `${r.p99Ms} ms`, String(r.errors), String(r.timeouts), String(r.unansweredAtEnd), String(r.non2xx), `${r.requestsPerSecond} req/s`]);
    const header = ["Target", "Answered", "p50", "p95", "p99", "Errors", "Timeouts", "Unanswered at end", "Non-2xx", "Throughput"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
    console.log(`\n${line(header)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|\n${rows.map(line).join("\n")}`);
    console.log(`\nBooking action outcomes: ${Object.entries(outcomes).map(([k, v]) => `${k} ${v}`).join(", ")}; status codes ${JSON.stringify(action.statusCodes)}.`);
    console.log(`${report.machine}.\nFigures written to ${OUTPUT}.`);
  } catch (error) {
    console.error(log.join("").split("\n").slice(-40).join("\n"));
    throw error;
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
