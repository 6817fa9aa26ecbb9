import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { type EmailAttachment, enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { createResendTransport } from "@/lib/integrations/email/resend-transport";
import { type EmailTransport, nextAttemptDelayMs, sendDueEmails } from "@/lib/integrations/email/send-outbox";

/**
 * The email provider failing for the whole first phase, then recovering, through the REAL Resend SDK:
 * only its network edge is replaced, by a local HTTP server standing in for api.resend.com (the SDK
 * reads RESEND_BASE_URL). The stand-in answers 500, 429, 502 with an HTML page, resets the
 * connection, or never answers; after recovery it accepts mail, honours Resend's Idempotency-Key
 * (a retry with a key it has seen is answered with the same id and not delivered again) and records
 * every request, so lost and duplicated messages are counted from what actually arrived.
 */
const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
const FROM = "The Vision <hello@thevision.example>";
const MESSAGES = 50;
const FAILURE_ROUNDS = 10;
/** The first few accepted messages lose their answer on the way back (the provider has them; we don't know). */
const LOST_ANSWERS = 5;
/** How long a send may take during the outage (the stand-in's "no answer" mode is cut off at this). */
const OUTAGE_SEND_TIMEOUT_MS = 150;

type Failure = "500" | "429" | "502 html" | "connection reset" | "no answer";
const FAILURES: Failure[] = ["500", "429", "connection reset", "500", "502 html", "429", "500", "connection reset", "429", "no answer"];

type Delivered = { key: string | null; to: string; subject: string; attachments: { filename: string; content: string; content_type?: string }[] };
const provider = {
  phase: "down" as "down" | "up",
  requests: 0,
  failures: new Map<Failure, number>(),
  delivered: [] as Delivered[],
  /** Requests with an Idempotency-Key already delivered: answered with the same id, not delivered again. */
  replayedByKey: 0,
  answersLost: 0,
  idsByKey: new Map<string, string>(),
  hanging: new Set<Socket>(),
};
let server: Server;

function readBody(request: IncomingMessage) {
  return new Promise<string>((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}
const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
};

async function handle(request: IncomingMessage, response: ServerResponse) {
  const body = await readBody(request);
  provider.requests++;
  if (request.method !== "POST" || request.url !== "/emails" || request.headers.authorization !== "Bearer re_test_golden_thread") {
    return json(response, 404, { statusCode: 404, name: "not_found", message: `Unexpected ${request.method} ${request.url}` });
  }
  if (provider.phase === "down") {
    const failure = FAILURES[(provider.requests - 1) % FAILURES.length]!;
    provider.failures.set(failure, (provider.failures.get(failure) ?? 0) + 1);
    switch (failure) {
      case "500":
        return json(response, 500, { statusCode: 500, name: "internal_server_error", message: "Something went wrong." });
      case "429":
        return json(response, 429, { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." }, { "retry-after": "1" });
      case "502 html":
        response.writeHead(502, { "content-type": "text/html" });
        return response.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
      case "connection reset":
        return request.socket.destroy();
      case "no answer":
        provider.hanging.add(request.socket);
        return;
    }
  }
  const key = typeof request.headers["idempotency-key"] === "string" ? request.headers["idempotency-key"] : null;
  const email = JSON.parse(body) as { to: string | string[]; subject: string; attachments?: Delivered["attachments"] };
  const known = key ? provider.idsByKey.get(key) : undefined;
  if (known) {
    provider.replayedByKey++;
    return json(response, 200, { id: known });
  }
  const id = `re_${provider.delivered.length + 1}`;
  provider.delivered.push({ key, to: Array.isArray(email.to) ? email.to.join(",") : email.to, subject: email.subject, attachments: email.attachments ?? [] });
  if (key) provider.idsByKey.set(key, id);
  // A little latency, so two workers really overlap.
  await new Promise((resolve) => setTimeout(resolve, 5));
  if (provider.answersLost < LOST_ANSWERS) {
    provider.answersLost++;
    return request.socket.destroy();
  }
  return json(response, 200, { id });
}

let transport: EmailTransport;
beforeAll(async () => {
  server = createServer((request, response) => void handle(request, response).catch((error: unknown) => json(response, 500, { message: String(error) })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  process.env.RESEND_BASE_URL = `http://127.0.0.1:${address.port}`;
  transport = createResendTransport("re_test_golden_thread");
});
afterAll(async () => {
  for (const socket of provider.hanging) socket.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  delete process.env.RESEND_BASE_URL;
  await db.$disconnect();
});

// ─────────────────────────────── the messages ───────────────────────────────

const pdfBytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x7f, 0x0a]), Buffer.from("\n%%EOF\n")]);
const invite: EmailAttachment = { filename: "booking.ics", contentType: "text/calendar; charset=utf-8", content: "BEGIN:VCALENDAR\r\nSUMMARY:Trauma-informed practice – Ærø\r\nEND:VCALENDAR\r\n" };
const invoicePdf: EmailAttachment = { filename: "invoice-900123.pdf", contentType: "application/pdf", content: pdfBytes.toString("base64"), encoding: "base64" };
const KINDS = [
  { kind: "sign-in", subject: "Your sign-in link", attachments: [] },
  { kind: "offer", subject: "A new session for you", attachments: [] },
  { kind: "awaiting-facilitators", subject: "Your booking is with our facilitators", attachments: [invite] },
  { kind: "invoice", subject: "Invoice 900123", attachments: [invoicePdf] },
  { kind: "reminder", subject: "Your session is in 48 hours", attachments: [invite, invoicePdf] },
] as const;

describe("email recovery", () => {
  it("the provider failing for ten rounds, then recovering: 0 sent while down, backoff as scheduled, nothing dropped, then each message delivered exactly once by two workers", async () => {
    const enqueued = [];
    for (let i = 0; i < MESSAGES; i++) {
      const spec = KINDS[i % KINDS.length]!;
      const message = { kind: spec.kind, to: `Person${i}@Test.Example`, subject: `${spec.subject} (${i})`, text: `Hello ${i}`, html: `<p>Hello ${i}</p>`, attachments: [...spec.attachments] };
      const { id } = await db.$transaction((tx) => enqueueEmail(tx, message));
      enqueued.push({ id, ...message });
    }
    const ids = enqueued.map((m) => m.id);
    const outbox = () => db.outboxMessage.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });

    // A controllable clock: the worker is asked to run at exact moments.
    let clock = new Date(Date.now() + 1000);
    // A worker run that doesn't come back is a stuck worker (every other job in scripts/worker.ts waits behind it).
    const worker = (options: { sendTimeoutMs?: number } = {}) =>
      Promise.race([
        sendDueEmails({ db, transport, from: FROM, now: () => clock, batchSize: 200, ...options }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`The worker was stuck: no result after 20 s (provider requests so far: ${provider.requests}).`)), 20_000).unref()),
      ]);

    // ── Phase 1: the provider is down. Each round: the worker runs just before the retry is due
    // (nothing may be tried early), then exactly when it is due (everything is tried and fails).
    const schedule: number[] = [];
    let failedAttempts = 0;
    for (let round = 1; round <= FAILURE_ROUNDS; round++) {
      if (round > 1) {
        const due = nextAttemptDelayMs(round - 1);
        schedule.push(due);
        const requestsBefore = provider.requests;
        for (const early of [due - 5_000, due - 1]) {
          const tick = new Date(clock.getTime() + early);
          const saved = clock;
          clock = tick;
          expect(await worker({ sendTimeoutMs: OUTAGE_SEND_TIMEOUT_MS }), `round ${round}, ${due - early} ms early`).toEqual({ sent: 0, failed: 0 });
          clock = saved;
        }
        expect(provider.requests, `round ${round}: nothing sent to the provider before it was due`).toBe(requestsBefore);
        clock = new Date(clock.getTime() + due);
      }
      const result = await worker({ sendTimeoutMs: OUTAGE_SEND_TIMEOUT_MS });
      expect(result, `round ${round}`).toEqual({ sent: 0, failed: MESSAGES });
      failedAttempts += result.failed;
      const rows = await outbox();
      expect({ round, dropped: rows.filter((m) => m.status !== "PENDING").length }).toEqual({ round, dropped: 0 });
      expect({ round, attempts: [...new Set(rows.map((m) => m.attempts))] }).toEqual({ round, attempts: [round] });
      // Each message's next attempt is exactly the backoff after this attempt.
      expect({ round, nextAttemptInMs: [...new Set(rows.map((m) => m.nextAttemptAt.getTime() - clock.getTime()))] }).toEqual({ round, nextAttemptInMs: [nextAttemptDelayMs(round)] });
      expect(rows.every((m) => m.lastError && m.sentAt === null && m.providerId === null)).toBe(true);
      expect({ round, delivered: provider.delivered.length }).toEqual({ round, delivered: 0 });
    }
    schedule.push(nextAttemptDelayMs(FAILURE_ROUNDS));
    // The schedule the worker actually followed: 30 s, 1 min, 2 min … capped at 1 hour.
    expect(schedule).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000]);
    expect(failedAttempts).toBe(MESSAGES * FAILURE_ROUNDS);
    expect(await db.outboxMessage.count({ where: { id: { in: ids }, status: { not: "PENDING" } } })).toBe(0);
    const errors = new Set((await outbox()).map((m) => m.lastError!));
    expect([...errors].toSorted()).toEqual(
      expect.arrayContaining([expect.stringContaining("Resend 500"), expect.stringContaining("Resend 429"), expect.stringContaining("Resend 502")]),
    );
    expect([...provider.failures.keys()].toSorted()).toEqual(["429", "500", "502 html", "connection reset", "no answer"]);

    // ── Phase 2: the provider recovers. Two workers race over the outbox; the first few answers are
    // lost on the way back (the provider has those messages), so they are retried an hour later under
    // the same Idempotency-Key and must not arrive twice.
    provider.phase = "up";
    clock = new Date(clock.getTime() + nextAttemptDelayMs(FAILURE_ROUNDS));
    const [a, b] = await Promise.all([worker(), worker()]);
    expect(a.sent + b.sent).toBe(MESSAGES - LOST_ANSWERS);
    expect(a.failed + b.failed).toBe(LOST_ANSWERS);
    expect(a.sent > 0 && b.sent > 0, `both workers sent (${a.sent} + ${b.sent})`).toBe(true);
    failedAttempts += a.failed + b.failed;
    clock = new Date(clock.getTime() + nextAttemptDelayMs(FAILURE_ROUNDS + 1));
    const [c, d] = await Promise.all([worker(), worker()]);
    expect(c.sent + d.sent).toBe(LOST_ANSWERS);
    expect(await Promise.all([worker(), worker()])).toEqual([{ sent: 0, failed: 0 }, { sent: 0, failed: 0 }]);

    // ── What arrived: every message exactly once, with its content and attachments intact.
    const rows = await outbox();
    expect(rows.filter((m) => m.status === "SENT")).toHaveLength(MESSAGES);
    const byRecipient = new Map<string, Delivered[]>();
    for (const delivered of provider.delivered) byRecipient.set(delivered.to, [...(byRecipient.get(delivered.to) ?? []), delivered]);
    const lost = enqueued.filter((m) => !byRecipient.has(m.to.toLowerCase())).length;
    const duplicates = [...byRecipient.values()].reduce((sum, list) => sum + list.length - 1, 0);
    expect({ lost, duplicates, distinct: byRecipient.size }).toEqual({ lost: 0, duplicates: 0, distinct: MESSAGES });
    expect(provider.delivered.map((m) => m.key).toSorted()).toEqual(ids.toSorted());
    expect(provider.replayedByKey).toBe(LOST_ANSWERS);
    for (const message of enqueued) {
      const [delivered] = byRecipient.get(message.to.toLowerCase())!;
      expect(delivered!.subject).toBe(message.subject);
      expect(delivered!.attachments.map((a) => ({ filename: a.filename, bytes: Buffer.from(a.content, "base64").toString("hex") }))).toEqual(
        message.attachments.map((a) => ({ filename: a.filename, bytes: Buffer.from(a.content, a.encoding ?? "utf8").toString("hex") })),
      );
      const row = rows.find((r) => r.id === message.id)!;
      expect(row.providerId).toBe(provider.idsByKey.get(message.id));
      expect(row.lastError).toBeNull();
    }
    const attachments = enqueued.reduce((sum, m) => sum + m.attachments.length, 0);
    const attempts = rows.reduce((sum, m) => sum + m.attempts, 0);
    expect(attempts).toBe(failedAttempts + MESSAGES);

    const fmt = (ms: number) => (ms < 60_000 ? `${ms / 1000} s` : ms < 3_600_000 ? `${ms / 60_000} min` : `${ms / 3_600_000} h`);
    console.log(
      `email-recovery: ${MESSAGES} messages (${attachments} attachments), ${failedAttempts} failed attempts ` +
        `(${[...provider.failures].map(([k, v]) => `${k} ×${v}`).join(", ")}; ${LOST_ANSWERS} answers lost after delivery), ` +
        `${lost} lost, ${duplicates} duplicates, ${provider.replayedByKey} retries deduplicated by Idempotency-Key; ` +
        `backoff ${schedule.map(fmt).join(" → ")} (capped at 1 h); after recovery workers sent ${a.sent} + ${b.sent}, then ${c.sent} + ${d.sent}`,
    );
  });
});
