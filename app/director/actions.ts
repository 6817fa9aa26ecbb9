"use server";

import { redirect } from "next/navigation";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { createQuote } from "@/lib/server/quotes/quotes";

export type QuoteFormState = (Exclude<Result<null>, { ok: true }> & { values?: Record<string, string> }) | null;

/** Rows named "sessions.0.mode", "lines.1.quantity" … into arrays of objects; blank price lines are left out. */
function readRows(formData: FormData, prefix: string) {
  const rows: Record<string, string>[] = [];
  for (const [key, value] of formData) {
    const match = new RegExp(`^${prefix}\\.(\\d{1,2})\\.(\\w+)$`).exec(key);
    if (!match || typeof value !== "string") continue;
    (rows[Number(match[1])] ??= {})[match[2]!] = value;
  }
  return rows.filter(Boolean);
}

export async function createQuoteAction(unverifiedReference: string, _previous: QuoteFormState, formData: FormData): Promise<QuoteFormState> {
  const actor = await requireDirector();
  const result = await createQuote({
    db,
    actor,
    input: {
      unverifiedReference,
      sessions: readRows(formData, "sessions").map((row) => ({ startsAtLocal: row.startsAtLocal, mode: row.mode, location: row.location })),
      lines: readRows(formData, "lines")
        .filter((row) => (row.description ?? "").trim() !== "" || (row.unitPrice ?? "").trim() !== "")
        .map((row) => ({ description: row.description, quantity: row.quantity, unitPrice: row.unitPrice, vatRateBasisPoints: row.vatRateBasisPoints })),
      terms: formData.get("terms") ?? undefined,
      validForDays: formData.get("validForDays"),
    },
  });
  if (!result.ok) {
    return { ...result, values: submittedValues(formData, 2000) };
  }
  redirect(`/director/requests/${unverifiedReference}?sent=1`);
}
