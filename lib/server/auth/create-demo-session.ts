import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { newSessionToken, SESSION_DAYS } from "@/lib/auth/session-cookie";
import { DEMO_ACCOUNTS } from "@/lib/demo-accounts";
import { env } from "@/lib/env";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";

const demoKeys = DEMO_ACCOUNTS.map((account) => account.key) as [string, ...string[]];
export const demoSignInInput = z.object({ account: z.enum(demoKeys, { message: "Choose one of the demo accounts." }) });

/**
 * One-click sign-in for a seeded demo account: creates a database session like a magic link would.
 * Refused unless demo mode is on (never in production unless DEMO_MODE=true).
 */
export async function createDemoSession(input: unknown): Promise<Result<{ sessionToken: string; expires: Date; userId: string }>> {
  if (!env.isDemoMode) return fail(AppErrorCode.DISABLED, "Demo sign-in is switched off here.");
  const parsed = demoSignInInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose one of the demo accounts.");
  const account = DEMO_ACCOUNTS.find((a) => a.key === parsed.data.account)!;
  const user = await db.user.findUnique({ where: { email: account.email }, select: { id: true } });
  if (!user) return fail(AppErrorCode.NOT_FOUND, "That demo account isn't in the database yet. Run npm run db:seed.");
  const expires = new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000);
  const sessionToken = newSessionToken();
  await db.$transaction([
    db.session.create({ data: { sessionToken, userId: user.id, expires } }),
    db.auditEvent.create({
      data: { actorId: user.id, action: "auth.demo-sign-in", subject: "User", subjectId: user.id, data: { account: account.key } },
    }),
  ]);
  return ok({ sessionToken, expires, userId: user.id });
}
