"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { offerPair, swapFacilitator, type PairingChange } from "@/lib/server/director/pairing-board";

export type PairingState = (Result<PairingChange> & { values?: Record<string, string> }) | null;

/** After a change the suggestions are re-ranked, so the outcome is shown at the top of the page (from the address). */
function done(unverifiedDeliveryId: string, change: PairingChange): never {
  revalidatePath(`/director/deliveries/${unverifiedDeliveryId}`);
  revalidatePath("/director", "layout");
  redirect(`/director/deliveries/${encodeURIComponent(unverifiedDeliveryId)}?offered=${change.offered}&moved=${change.released}`);
}

export async function offerPairAction(unverifiedDeliveryId: string, _previous: PairingState, formData: FormData): Promise<PairingState> {
  const actor = await requireDirector(`/director/deliveries/${unverifiedDeliveryId}`);
  const values = submittedValues(formData, 100);
  const result = await offerPair({ db, actor, input: { ...values, unverifiedDeliveryId } });
  if (!result.ok) return { ...result, values };
  done(unverifiedDeliveryId, result.data);
}

export async function swapFacilitatorAction(unverifiedDeliveryId: string, _previous: PairingState, formData: FormData): Promise<PairingState> {
  const actor = await requireDirector(`/director/deliveries/${unverifiedDeliveryId}`);
  const values = submittedValues(formData, 100);
  const result = await swapFacilitator({ db, actor, input: { ...values, unverifiedDeliveryId } });
  if (!result.ok) return { ...result, values };
  done(unverifiedDeliveryId, result.data);
}
