import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeAssociates } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import type { ExpenseStatus } from "@/lib/db/generated/prisma/enums";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { composeEmail } from "@/lib/integrations/email/templates/layout";
import { formatDate, formatPence } from "@/lib/format";
import { expenseCategoryLabel } from "@/lib/labels";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { withoutNulCharacters } from "@/lib/db/without-nul";

/**
 * The director's decisions on associates' expense claims: approve (the payable amount becomes an
 * approved payment waiting for a pay run), query (a note, emailed kindly to the associate, who can
 * change the claim and send it again) or reject (a note). Each decision locks the claim's row first,
 * so two decisions can't race, and is audited.
 */

export const CLAIM_NOT_FOUND = "We couldn't find that expense claim.";

/** Claims the director can decide: waiting for her, or queried and waiting for the associate. */
const OPEN_STATUSES: ExpenseStatus[] = ["SUBMITTED", "QUERIED"];

export async function listExpenseClaimsToDecide(db: DbTx, { actor }: { actor: Actor }) {
  if (actor.role !== "DIRECTOR") return [];
  const claims = await db.expenseClaim.findMany({
    where: { status: { in: OPEN_STATUSES }, associate: scopeAssociates(actor) },
    orderBy: [{ status: "desc" }, { createdAt: "asc" }],
    select: {
      id: true,
      status: true,
      category: true,
      description: true,
      miles: true,
      claimedPence: true,
      amountPence: true,
      decisionNote: true,
      createdAt: true,
      receipt: { select: { filename: true } },
      associate: { select: { id: true, user: { select: { name: true, email: true } } } },
      delivery: { select: { startsAt: true, engagement: { select: { reference: true, service: { select: { name: true } }, organisation: { select: { name: true } } } } } },
    },
  });
  // SUBMITTED first (they need her), then QUERIED (waiting for the associate).
  return claims.sort((a, b) => (a.status === b.status ? a.createdAt.getTime() - b.createdAt.getTime() : a.status === "SUBMITTED" ? -1 : 1));
}
export type ClaimToDecide = Awaited<ReturnType<typeof listExpenseClaimsToDecide>>[number];

const claimIdField = z.string({ message: CLAIM_NOT_FOUND }).trim().min(1, CLAIM_NOT_FOUND).max(60, CLAIM_NOT_FOUND);

export const expenseDecisionInput = z.discriminatedUnion(
  "decision",
  [
    z.object({
      decision: z.literal("APPROVE"),
      unverifiedClaimId: claimIdField,
      note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").optional().transform((value) => value || null),
    }),
    z.object({
      decision: z.literal("QUERY"),
      unverifiedClaimId: claimIdField,
      note: z.string({ message: "Write your question for the associate." }).trim().min(3, "Write your question for the associate.").max(1000, "Keep the note under 1,000 characters."),
    }),
    z.object({
      decision: z.literal("REJECT"),
      unverifiedClaimId: claimIdField,
      note: z.string({ message: "Say why the claim can't be paid." }).trim().min(3, "Say why the claim can't be paid.").max(1000, "Keep the note under 1,000 characters."),
    }),
  ],
  { error: "Choose approve, ask a question or reject." },
);

export type ExpenseDecision = { claimId: string; status: "APPROVED" | "QUERIED" | "REJECTED"; associateName: string | null };

/** Locks the claim row (in scope), so concurrent decisions queue and the second sees the first's result. */
async function lockClaim(tx: DbTx, actor: Actor, unverifiedClaimId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ExpenseClaim" WHERE "id" = ${withoutNulCharacters(unverifiedClaimId)} FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.expenseClaim.findFirst({
    where: { id: unverifiedClaimId, associate: scopeAssociates(actor) },
    select: {
      id: true,
      status: true,
      category: true,
      description: true,
      claimedPence: true,
      amountPence: true,
      associateId: true,
      associate: { select: { user: { select: { name: true, email: true } } } },
      delivery: { select: { startsAt: true, engagement: { select: { service: { select: { name: true } } } } } },
    },
  });
}

export async function decideExpenseClaim({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<ExpenseDecision>> {
  if (actor.role !== "DIRECTOR") return fail(AppErrorCode.NOT_FOUND, CLAIM_NOT_FOUND);
  const parsed = expenseDecisionInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the decision.", z.flattenError(parsed.error).fieldErrors);
  const { decision, unverifiedClaimId, note } = parsed.data;
  return db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, actor, unverifiedClaimId);
    if (!claim) return fail(AppErrorCode.NOT_FOUND, CLAIM_NOT_FOUND);
    const name = claim.associate.user.name;
    if (!OPEN_STATUSES.includes(claim.status)) {
      const already = claim.status === "APPROVED" || claim.status === "PAID" ? "approved" : "not approved";
      return fail(AppErrorCode.INVALID_INPUT, `This claim has already been decided (${already}). Refresh the page to see the latest.`);
    }
    if (decision === "QUERY" && claim.status === "QUERIED") {
      return fail(AppErrorCode.INVALID_INPUT, "You've already asked about this claim; it's waiting for the associate to reply.");
    }
    const status = decision === "APPROVE" ? "APPROVED" : decision === "QUERY" ? "QUERIED" : "REJECTED";
    await tx.expenseClaim.update({ where: { id: claim.id }, data: { status, decidedAt: now, decisionNote: note } });
    if (status === "APPROVED") {
      // The payable amount (mileage already capped at the HMRC rate) waits for the next pay run.
      await tx.associatePayment.create({ data: { associateId: claim.associateId, expenseClaimId: claim.id, amountPence: claim.amountPence, status: "APPROVED" } });
    }
    if (status !== "APPROVED") {
      const what = `${expenseCategoryLabel[claim.category].toLowerCase()} (${formatPence(claim.amountPence)}) for ${claim.delivery.engagement.service.name} on ${formatDate(claim.delivery.startsAt)}`;
      const content =
        status === "QUERIED"
          ? await composeEmail("A question about your expense claim", [
              `Hello ${name ?? "there"},`,
              `Thank you for your claim for ${what}. Before we can pay it, we have a question:`,
              note ?? "",
              "You can change the claim and send it again from your money page in Golden Thread. If anything is unclear, just reply to this email — we're happy to help.",
            ])
          : await composeEmail("About your expense claim", [
              `Hello ${name ?? "there"},`,
              `Thank you for your claim for ${what}. I'm sorry, but we can't pay this one. The reason:`,
              note ?? "",
              "If you think we've got this wrong, or you'd like to talk it through, please reply to this email.",
            ]);
      await enqueueEmail(tx, { kind: status === "QUERIED" ? "expense-queried" : "expense-rejected", to: claim.associate.user.email, ...content });
    }
    await tx.auditEvent.create({
      data: {
        actorId: actor.userId,
        action: `expense.${decision.toLowerCase()}`,
        subject: "ExpenseClaim",
        subjectId: claim.id,
        // The note is kept on the claim (decisionNote) and emailed; the audit event records only that there was one.
        data: { associateId: claim.associateId, amountPence: claim.amountPence, claimedPence: claim.claimedPence, noteLength: note?.length ?? 0 },
      },
    });
    return ok({ claimId: claim.id, status, associateName: name });
  });
}
