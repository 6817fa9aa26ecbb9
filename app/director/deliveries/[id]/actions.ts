"use server";

import { revalidatePath } from "next/cache";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { offerPair, swapFacilitator, type PairingChange } from "@/lib/server/director/pairing-board";

export type PairingState = (Result<PairingChange> & { values?: Record<string, string>; notice?: string }) | null;

function describe(change: PairingChange): string {
  const offers = `${change.offered} offer${change.offered === 1 ? "" : "s"} sent`;
  const moved = change.released > 0 ? `; ${change.released} ${change.released === 1 ? "person" : "people"} moved off and told kindly` : "";
  return `${offers}${moved}.`;
}

export async function offerPairAction(unverifiedDeliveryId: string, _previous: PairingState, formData: FormData): Promise<PairingState> {
  const actor = await requireDirector(`/director/deliveries/${unverifiedDeliveryId}`);
  const values = submittedValues(formData, 100);
  const result = await offerPair({ db, actor, input: { ...values, unverifiedDeliveryId } });
  if (!result.ok) return { ...result, values };
  revalidatePath(`/director/deliveries/${unverifiedDeliveryId}`);
  revalidatePath("/director", "layout");
  return { ...result, notice: describe(result.data) };
}

export async function swapFacilitatorAction(unverifiedDeliveryId: string, _previous: PairingState, formData: FormData): Promise<PairingState> {
  const actor = await requireDirector(`/director/deliveries/${unverifiedDeliveryId}`);
  const values = submittedValues(formData, 100);
  const result = await swapFacilitator({ db, actor, input: { ...values, unverifiedDeliveryId } });
  if (!result.ok) return { ...result, values };
  revalidatePath(`/director/deliveries/${unverifiedDeliveryId}`);
  revalidatePath("/director", "layout");
  return { ...result, notice: describe(result.data) };
}
