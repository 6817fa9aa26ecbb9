"use server";

import { revalidatePath } from "next/cache";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { saveWeeklyHours, updateTimezone, type WeeklyHoursSaved } from "@/lib/server/associates/availability";
import { addTimeOff, removeDateOverride, removeTimeOff, saveDateOverride } from "@/lib/server/associates/availability-days";

export type AvailabilityState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;
export type WeeklyHoursState = (Result<WeeklyHoursSaved> & { notice?: string }) | null;

const PATH = "/associate/availability";

export async function saveWeeklyHoursAction(_previous: WeeklyHoursState, formData: FormData): Promise<WeeklyHoursState> {
  const actor = await requireAssociate(PATH);
  const result = await saveWeeklyHours({ db, actor, input: { windows: formData.get("windows") } });
  if (!result.ok) return result;
  revalidatePath(PATH);
  return { ...result, notice: "Your weekly hours are saved." };
}

export async function updateTimezoneAction(_previous: AvailabilityState, formData: FormData): Promise<AvailabilityState> {
  const actor = await requireAssociate(PATH);
  const result = await updateTimezone({ db, actor, input: submittedValues(formData, 100) });
  if (!result.ok) return { ...result, values: submittedValues(formData, 100) };
  revalidatePath(PATH);
  return { ok: true, data: null, notice: `Your time zone is now ${result.data.timezone}.` };
}

export async function saveDateOverrideAction(_previous: AvailabilityState, formData: FormData): Promise<AvailabilityState> {
  const actor = await requireAssociate(PATH);
  const result = await saveDateOverride({ db, actor, input: submittedValues(formData, 100) });
  if (!result.ok) return { ...result, values: submittedValues(formData, 100) };
  revalidatePath(PATH);
  return { ok: true, data: null, notice: result.data.replaced ? "Saved. This replaces the change you had made for that date." : "Saved." };
}

export async function removeDateOverrideAction(_previous: AvailabilityState, formData: FormData): Promise<AvailabilityState> {
  const actor = await requireAssociate(PATH);
  const result = await removeDateOverride({ db, actor, input: { unverifiedId: formData.get("id") } });
  if (!result.ok) return result;
  revalidatePath(PATH);
  return { ok: true, data: null, notice: "Removed. Your weekly hours apply on that date again." };
}

export async function addTimeOffAction(_previous: AvailabilityState, formData: FormData): Promise<AvailabilityState> {
  const actor = await requireAssociate(PATH);
  const result = await addTimeOff({ db, actor, input: submittedValues(formData, 500) });
  if (!result.ok) return { ...result, values: submittedValues(formData, 500) };
  revalidatePath(PATH);
  return { ok: true, data: null, notice: "Time off added. We won't offer you work on those days." };
}

export async function removeTimeOffAction(_previous: AvailabilityState, formData: FormData): Promise<AvailabilityState> {
  const actor = await requireAssociate(PATH);
  const result = await removeTimeOff({ db, actor, input: { unverifiedId: formData.get("id") } });
  if (!result.ok) return result;
  revalidatePath(PATH);
  return { ok: true, data: null, notice: "Time off removed." };
}
