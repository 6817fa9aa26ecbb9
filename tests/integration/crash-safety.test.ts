/**
 * Crash safety (issue 7, suite 6): a booking process killed in the middle of its transaction leaves no
 * half-written engagement, delivery, assignment, attendee, email or audit row, and the slot stays
 * bookable.
 *
 * A real child process (tests/support/crash-booking.ts) runs the real use case. To stop it at a known
 * point without touching product code, the test first takes a SHARE lock on a table the transaction
 * writes to late (AuditEvent for a hold, OutboxMessage for a request or an acceptance): the child's
 * earlier writes go through and its next insert waits. The test waits until pg_stat_activity shows the
 * child's backend waiting on that lock, checks in pg_locks / with NOWAIT row locks that its earlier
 * writes are in place, SIGKILLs the process, releases the lock, waits for PostgreSQL to end the orphaned
 * backend, and then compares every affected table with its state before the attempt.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { requestBooking } from "@/lib/server/booking/request-booking";
import { respondToOffer } from "@/lib/server/booking/respond-to-offer";
import { createScenario } from "../fixtures/scenario";
import type { CrashJob } from "../support/crash-booking";

const DATABASE_URL = process.env.DATABASE_URL!;
const db = createPrismaClient(DATABASE_URL, { max: 4 });
const sql = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
afterAll(async () => {
  await sql.end();
  await db.$disconnect();
});

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const CHILD = path.join(ROOT, "tests", "support", "crash-booking.ts");
const NOW = new Date("2026-11-17T09:00:00Z");
const START = "2026-12-01T10:00:00Z";
/** Tables a booking writes; all must be exactly as before a killed attempt. */
const TABLES = ["Engagement", "Delivery", "Assignment", "Attendee", "OutboxMessage", "AuditEvent", "Alert"] as const;

async function fingerprint() {
  const out: Record<string, { rows: number; hash: string }> = {};
  for (const table of TABLES) {
    const { rows } = await sql.query(`SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') AS hash FROM "${table}" t`);
    out[table] = rows[0];
  }
  return out;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, { timeoutMs = 60_000, child }: { timeoutMs?: number; child?: ChildProcess } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (child && child.exitCode !== null) throw new Error(`The booking process ended before ${what} (exit ${child.exitCode}).`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

type KillPoint = {
  name: string;
  /** The table locked so the transaction stalls on its insert there. */
  blockTable: "AuditEvent" | "OutboxMessage";
  /** Tables the child must already have written (RowExclusiveLock granted) when it is killed. */
  writtenTables: string[];
  /** Rows the child must already have updated (checked with FOR UPDATE NOWAIT). */
  lockedRows?: { table: string; id: string }[];
  job: CrashJob;
};

type KillReport = {
  name: string;
  blockedOn: string;
  /** The stalled backend's transaction id: set once it has written something. */
  xid: string | null;
  isWaitingForBlockTable: boolean;
  /** Tables it held write locks on when killed. */
  wrote: string[];
  /** Of `lockedRows`, how many it held row locks on (had updated). */
  rowLocks: number;
  killAfterMs: number;
  backendGoneMs: number;
  signal: string | null;
};

/**
 * The kill really happened mid-transaction, after the writes named in `point` (checked after the
 * "nothing left" comparison, so a broken build shows what it left behind first).
 */
function expectStalledMidTransaction(report: KillReport, point: Pick<KillPoint, "writtenTables" | "lockedRows" | "blockTable">) {
  expect(report.signal).toBe("SIGKILL");
  expect(report.isWaitingForBlockTable, `the child was waiting for ${point.blockTable}`).toBe(true);
  expect(report.xid, "the child's transaction had written (it had a transaction id)").not.toBeNull();
  for (const table of point.writtenTables) expect(report.wrote, `the child had written to ${table} in the killed transaction`).toContain(table);
  expect(report.rowLocks, "the child held the row locks of the rows it had updated").toBe(point.lockedRows?.length ?? 0);
}

/** Runs the job in a child process, stalls it on the lock, kills it, and returns what was seen. */
async function killMidTransaction(point: KillPoint): Promise<KillReport> {
  const appName = `gt-crash-${point.job.point}-${process.pid}`;
  const locker = await sql.connect();
  let child: ChildProcess | null = null;
  let output = "";
  try {
    await locker.query("BEGIN");
    await locker.query(`LOCK TABLE "${point.blockTable}" IN SHARE MODE`);
    const url = new URL(DATABASE_URL);
    url.searchParams.set("application_name", appName);
    child = spawn(process.execPath, ["--import", "tsx", CHILD], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url.toString(), CRASH_JOB: JSON.stringify(point.job) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk) => (output += String(chunk)));
    child.stderr!.on("data", (chunk) => (output += String(chunk)));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child!.once("exit", (code, signal) => resolve({ code, signal })));

    // 1. The child's backend is inside its transaction, waiting for our lock.
    const backend = await waitFor(
      `the booking transaction to wait on ${point.blockTable}`,
      async () => {
        const { rows } = await sql.query(
          `SELECT a.pid, a.backend_xid::text AS xid FROM pg_stat_activity a
            WHERE a.application_name = $1 AND a.wait_event_type = 'Lock' AND a.state = 'active'`,
          [appName],
        );
        return rows[0] as { pid: number; xid: string | null } | undefined;
      },
      { child },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nchild output:\n${output}`);
    });
    const waitingSince = Date.now();

    // 2. Its earlier writes are in place (uncommitted): table write locks held, our table's lock awaited.
    const { rows: locks } = await sql.query<{ relname: string; mode: string; granted: boolean }>(
      `SELECT c.relname, l.mode, l.granted FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = $1 AND c.relkind = 'r'`,
      [backend.pid],
    );
    const wrote = locks.filter((l) => l.granted && l.mode === "RowExclusiveLock").map((l) => l.relname);
    const isWaitingForBlockTable = locks.some((l) => l.relname === point.blockTable && !l.granted);
    let rowLocks = 0;
    for (const row of point.lockedRows ?? []) {
      const error = await sql.query(`SELECT 1 FROM "${row.table}" WHERE id = $1 FOR UPDATE NOWAIT`, [row.id]).then(
        () => null,
        (failure: { code?: string }) => failure,
      );
      if (error?.code === "55P03") rowLocks++;
    }

    // 3. Kill the process mid-transaction, then let the lock go.
    process.kill(child.pid!, "SIGKILL");
    const { signal } = await exited;
    const killAfterMs = Date.now() - waitingSince;
    await locker.query("ROLLBACK");

    // 4. PostgreSQL notices the dead client and ends the backend, rolling its transaction back.
    const goneSince = Date.now();
    await waitFor("the orphaned backend to end", async () => {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [appName]);
      return rows[0].n === 0;
    }, { timeoutMs: 30_000 });
    expect(output).not.toContain("crash-booking: finished");
    return { name: point.name, blockedOn: point.blockTable, xid: backend.xid, isWaitingForBlockTable, wrote: wrote.sort(), rowLocks, killAfterMs, backendGoneMs: Date.now() - goneSince, signal };
  } finally {
    await locker.query("ROLLBACK").catch(() => undefined);
    locker.release();
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

const reports: KillReport[] = [];
afterAll(() => {
  for (const r of reports) {
    console.log(
      `crash-safety: killed during ${r.name} — stalled on ${r.blockedOn} after writing ${r.wrote.join(", ")}` +
        `${r.rowLocks ? ` (${r.rowLocks} updated rows locked)` : ""}; ${r.signal} ${r.killAfterMs} ms after it stalled; backend gone in ${r.backendGoneMs} ms; ` +
        `0 rows left behind; the same booking then succeeded exactly once`,
    );
  }
});

describe("crash safety: a booking process killed mid-transaction", () => {
  it("during a hold (engagement, delivery and assignments written, audit pending): nothing is left and the slot can be held once", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const input = { serviceSlug: scenario.service.slug, startsAt: START, mode: "ONLINE" };
    const before = await fingerprint();
    const point: KillPoint = {
      name: "hold-slot",
      blockTable: "AuditEvent",
      writtenTables: ["Engagement", "Delivery", "Assignment"],
      job: { point: "hold", context: scenario.context, input, now: NOW.toISOString() },
    };
    const report = await killMidTransaction(point);
    expect(await fingerprint(), "every booking table is exactly as before the killed attempt").toEqual(before);
    expectStalledMidTransaction(report, point);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM "Engagement" WHERE "organisationId" = $1`, [scenario.organisation.id]);
    expect(rows[0].n).toBe(0);

    // The slot is still free: held once, and only once (the pair is now taken).
    const held = await holdSlot({ db, context: scenario.context, input, now: NOW });
    expect(held.ok).toBe(true);
    const again = await holdSlot({ db, context: scenario.context, input, now: NOW });
    expect(again).toMatchObject({ ok: false, code: "SLOT_TAKEN" });
    const after = await sql.query(
      `SELECT (SELECT count(*) FROM "Engagement" WHERE "organisationId" = $1)::int AS engagements,
              (SELECT count(*) FROM "Assignment" a JOIN "Delivery" d ON d.id = a."deliveryId" JOIN "Engagement" e ON e.id = d."engagementId" WHERE e."organisationId" = $1 AND a.status = 'HELD')::int AS holds`,
      [scenario.organisation.id],
    );
    expect(after.rows[0]).toEqual({ engagements: 1, holds: 2 });
    reports.push(report);
  });

  it("during request-booking (engagement sent, offers made, emails pending): the hold is untouched and the booking can be sent once", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: START, mode: "ONLINE" }, now: NOW });
    if (!held.ok) throw new Error(held.message);
    const input = { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-CRASH", attendeeCount: "12" };
    const before = await fingerprint();
    const point: KillPoint = {
      name: "request-booking",
      blockTable: "OutboxMessage",
      writtenTables: ["Engagement", "Assignment", "Delivery"],
      lockedRows: [
        { table: "Engagement", id: held.data.engagementId },
        { table: "Delivery", id: held.data.deliveryId },
      ],
      job: { point: "request", context: scenario.context, input, now: NOW.toISOString() },
    };
    const report = await killMidTransaction(point);
    expect(await fingerprint(), "every booking table is exactly as before the killed attempt").toEqual(before);
    expectStalledMidTransaction(report, point);
    const state = await db.delivery.findUniqueOrThrow({ where: { id: held.data.deliveryId }, select: { status: true, engagement: { select: { status: true } }, assignments: { select: { status: true } } } });
    expect(state).toEqual({ status: "HELD", engagement: { status: "PENDING_PAYMENT" }, assignments: [{ status: "HELD" }, { status: "HELD" }] });

    const sent = await requestBooking({ db, context: scenario.context, input, now: NOW });
    expect(sent).toMatchObject({ ok: true, data: { status: "AWAITING_FACILITATORS" } });
    const again = await requestBooking({ db, context: scenario.context, input, now: NOW });
    expect(again).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await db.assignment.count({ where: { deliveryId: held.data.deliveryId, status: "OFFERED" } })).toBe(2);
    expect(await db.outboxMessage.count({ where: { to: scenario.booker.email, kind: "awaiting-facilitators" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: held.data.engagementId, action: "booking.request" } })).toBe(1);
    reports.push(report);
  });

  it("during the accepting that confirms the pair (delivery and engagement confirmed, email pending): nothing changes and the offer can be accepted once", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: START, mode: "ONLINE" }, now: NOW });
    if (!held.ok) throw new Error(held.message);
    const sent = await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-CRASH", attendeeCount: "12" }, now: NOW });
    if (!sent.ok) throw new Error(sent.message);
    const [first, second] = await db.assignment.findMany({ where: { deliveryId: held.data.deliveryId }, orderBy: { role: "asc" }, include: { associate: true } });
    const firstAnswer = await respondToOffer({ db, actor: { associateId: first!.associateId, userId: first!.associate.userId }, input: { unverifiedAssignmentId: first!.id, response: "ACCEPT" }, now: NOW });
    expect(firstAnswer).toMatchObject({ ok: true, data: { deliveryStatus: "AWAITING_ACCEPTANCE" } });
    const actor = { associateId: second!.associateId, userId: second!.associate.userId };
    const input = { unverifiedAssignmentId: second!.id, response: "ACCEPT" };
    const before = await fingerprint();
    const point: KillPoint = {
      name: "accept-offer (confirming)",
      blockTable: "OutboxMessage",
      writtenTables: ["Assignment", "Delivery", "Engagement"],
      lockedRows: [
        { table: "Assignment", id: second!.id },
        { table: "Delivery", id: held.data.deliveryId },
        { table: "Engagement", id: held.data.engagementId },
      ],
      job: { point: "accept", actor, input, now: NOW.toISOString() },
    };
    const report = await killMidTransaction(point);
    expect(await fingerprint(), "every booking table is exactly as before the killed attempt").toEqual(before);
    expectStalledMidTransaction(report, point);
    const state = await db.delivery.findUniqueOrThrow({ where: { id: held.data.deliveryId }, select: { status: true, engagement: { select: { status: true } } } });
    expect(state).toEqual({ status: "AWAITING_ACCEPTANCE", engagement: { status: "AWAITING_FACILITATORS" } });
    expect((await db.assignment.findUniqueOrThrow({ where: { id: second!.id } })).status).toBe("OFFERED");

    const accepted = await respondToOffer({ db, actor, input, now: NOW });
    expect(accepted).toMatchObject({ ok: true, data: { deliveryStatus: "CONFIRMED" } });
    const again = await respondToOffer({ db, actor, input, now: NOW });
    expect(again).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await db.outboxMessage.count({ where: { to: scenario.booker.email, kind: "booking-confirmed" } })).toBe(1);
    expect((await db.engagement.findUniqueOrThrow({ where: { id: held.data.engagementId } })).status).toBe("CONFIRMED");
    reports.push(report);
  });
});
