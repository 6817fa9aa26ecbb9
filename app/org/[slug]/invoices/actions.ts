"use server";

import { redirect } from "next/navigation";
import { requireMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getStripe } from "@/lib/integrations/payments/stripe";
import type { Result } from "@/lib/result";
import { startInvoiceCheckout } from "@/lib/server/payments/start-invoice-checkout";

export type PayState = Exclude<Result<null>, { ok: true }> | null;

/** Sends the payer to Stripe Checkout for one issued invoice. */
export async function payInvoiceByCardAction(unverifiedOrgSlug: string, unverifiedNumber: string): Promise<PayState> {
  const context = await requireMembership(unverifiedOrgSlug);
  const stripe = getStripe();
  if (!stripe) return { ok: false, code: "DISABLED", message: "Card payments aren't available. Please pay by bank transfer." };
  const result = await startInvoiceCheckout({ db, stripe, context, unverifiedNumber, appUrl: env.APP_URL });
  if (!result.ok) return result;
  redirect(result.data.url);
}
