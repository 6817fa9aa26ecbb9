import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/** The dev mailbox: the newest outbox messages. Exists only outside production. */
export async function listDevMailbox({ to }: { to?: string } = {}) {
  if (!env.hasDevMailbox) return null;
  return db.outboxMessage.findMany({
    where: to ? { to: to.trim().toLowerCase() } : {},
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, kind: true, to: true, subject: true, payload: true, status: true, createdAt: true },
  });
}
