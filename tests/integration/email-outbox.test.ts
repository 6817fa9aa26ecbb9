import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { type EmailTransport, nextAttemptDelayMs, sendDueEmails } from "@/lib/integrations/email/send-outbox";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());

/** Stubs only the network edge: a provider that fails until told to recover, recording each delivery. */
function flakyProvider() {
  let isDown = true;
  const delivered: string[] = [];
  const transport: EmailTransport = {
    async send(message) {
      if (isDown) throw new Error("503 Service Unavailable");
      delivered.push(message.idempotencyKey);
      return { providerId: `re_${message.idempotencyKey}` };
    },
  };
  return { transport, delivered, recover: () => void (isDown = false) };
}

describe("email outbox", () => {
  it("loses nothing while the provider is down and sends each message exactly once after it recovers, with backoff", async () => {
    const ids = [];
    for (let i = 0; i < 25; i++) {
      ids.push((await enqueueEmail(db, { kind: "test", to: `person${i}@test.example`, subject: "Hi", text: "t", html: "<p>t</p>" })).id);
    }
    const provider = flakyProvider();
    let clock = new Date(Date.now() + 1000);
    const now = () => clock;

    const down = await sendDueEmails({ db, transport: provider.transport, from: "x@test.example", now, batchSize: 100 });
    expect(down).toEqual({ sent: 0, failed: 25 });
    const waiting = await db.outboxMessage.findMany({ where: { id: { in: ids } } });
    expect(waiting.every((m) => m.status === "PENDING" && m.attempts === 1 && m.nextAttemptAt > clock)).toBe(true);

    // Nothing is retried before its backoff has passed.
    expect(await sendDueEmails({ db, transport: provider.transport, from: "x@test.example", now, batchSize: 100 })).toEqual({ sent: 0, failed: 0 });

    provider.recover();
    clock = new Date(clock.getTime() + nextAttemptDelayMs(1));
    // Two workers racing over the same outbox.
    const [a, b] = await Promise.all([
      sendDueEmails({ db, transport: provider.transport, from: "x@test.example", now, batchSize: 100 }),
      sendDueEmails({ db, transport: provider.transport, from: "x@test.example", now, batchSize: 100 }),
    ]);
    expect(a.sent + b.sent).toBe(25);
    expect(new Set(provider.delivered).size).toBe(25);
    expect(provider.delivered).toHaveLength(25);
    const sent = await db.outboxMessage.count({ where: { id: { in: ids }, status: "SENT", attempts: 2 } });
    expect(sent).toBe(25);
  });

  it("backs off exponentially and caps at an hour", () => {
    expect([1, 2, 3, 8, 20].map(nextAttemptDelayMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
  });
});
