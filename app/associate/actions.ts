"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { regenerateCalendarFeed } from "@/lib/server/associates/sessions";
import { respondToOffer } from "@/lib/server/booking/respond-to-offer";
import { withdrawFromDelivery } from "@/lib/server/booking/withdraw-from-delivery";

export type OfferState = (Result<null> & { values?: Record<string, string> }) | null;

/** Accept or decline one offer (the button pressed says which). */
export async function respondToOfferAction(_previous: OfferState, formData: FormData): Promise<OfferState> {
  const actor = await requireAssociate("/associate/offers");
  const values = submittedValues(formData, 500);
  const result = await respondToOffer({
    db,
    actor,
    input: { unverifiedAssignmentId: values.assignmentId, response: values.response, reason: values.reason || undefined },
  });
  if (!result.ok) return { ...result, values };
  revalidatePath("/associate", "layout");
  const done = values.response === "DECLINE" ? "declined" : result.data.deliveryStatus === "CONFIRMED" ? "confirmed" : "accepted";
  redirect(`/associate/offers?done=${done}`);
}

export type WithdrawState = (Result<null> & { values?: Record<string, string> }) | null;

export async function withdrawAction(_previous: WithdrawState, formData: FormData): Promise<WithdrawState> {
  const actor = await requireAssociate("/associate/sessions");
  const values = submittedValues(formData, 500);
  const result = await withdrawFromDelivery({ db, actor, input: { unverifiedAssignmentId: values.assignmentId, reason: values.reason || undefined } });
  if (!result.ok) return { ...result, values };
  revalidatePath("/associate", "layout");
  redirect(`/associate/sessions?withdrawn=1`);
}

export type FeedState = (Result<null> & { notice?: string }) | null;

export async function regenerateFeedAction(_previous: FeedState, formData: FormData): Promise<FeedState> {
  const actor = await requireAssociate("/associate/sessions");
  const result = await regenerateCalendarFeed({ db, actor, input: { confirm: formData.get("confirm") } });
  if (!result.ok) return result;
  revalidatePath("/associate/sessions");
  return { ok: true, data: null, notice: "Done. Your new link is below — the old one has stopped working, so add the new one to your calendar app." };
}
