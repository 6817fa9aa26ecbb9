"use client";

import { useActionState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import {
  type ProfileFormState,
  requestServiceAction,
  setConsentAction,
  stopServiceAction,
  updateExpertiseAction,
  updatePublicProfileAction,
  updateStoryAction,
} from "@/app/associate/profile/actions";
import { ActionNotice } from "./profile-notice";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";

function useProfileForm(action: (state: ProfileFormState, formData: FormData) => Promise<ProfileFormState>) {
  const [state, formAction, isPending] = useActionState<ProfileFormState, FormData>(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return { state, formAction, isPending, errors, values };
}

export function PublicProfileForm({ bio, note, bioMax, noteMax }: { bio: string; note: string | null; bioMax: number; noteMax: number }) {
  const { state, formAction, isPending, errors, values } = useProfileForm(updatePublicProfileAction);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <ActionNotice state={state} />
      <Field
        id="profile-bio"
        label="Professional bio"
        hint={`Your work and what you bring, in a few sentences. Up to ${bioMax.toLocaleString("en-GB")} characters.`}
        error={errors.bio?.[0]}
      >
        <textarea
          id="profile-bio"
          name="bio"
          rows={5}
          maxLength={bioMax}
          defaultValue={values.bio ?? bio}
          className={inputClass}
          {...describedBy("profile-bio", { hint: true, error: errors.bio?.[0] })}
        />
      </Field>
      <Field
        id="profile-note"
        label="Public note about your lived experience (optional)"
        hint={`Only what you're happy for clients to read — one or two sentences is plenty. Leave it empty to say nothing. Up to ${noteMax} characters.`}
        error={errors.publicLivedExperienceNote?.[0]}
      >
        <textarea
          id="profile-note"
          name="publicLivedExperienceNote"
          rows={3}
          maxLength={noteMax}
          defaultValue={values.publicLivedExperienceNote ?? note ?? ""}
          className={inputClass}
          {...describedBy("profile-note", { hint: true, error: errors.publicLivedExperienceNote?.[0] })}
        />
      </Field>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}

const EXPERTISE_CHOICES = [
  { value: "LIVED", label: "Lived experience", hint: "You bring your own experience of care. You never have to share details: you choose what clients see." },
  { value: "PROFESSIONAL", label: "Professional expertise", hint: "You bring professional expertise — for example social work, therapy, residential care or inspection." },
  { value: "BOTH", label: "Both", hint: "You can take either role, though never both in the same session." },
] as const;

export function ExpertiseForm({ expertise }: { expertise: "LIVED" | "PROFESSIONAL" | "BOTH" }) {
  const { state, formAction, isPending, errors, values } = useProfileForm(updateExpertiseAction);
  const chosen = values.expertise ?? expertise;
  const error = errors.expertise?.[0];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <ActionNotice state={state} />
      <fieldset aria-describedby={error ? "expertise-error" : undefined}>
        <legend className="font-medium">What do you bring to our work?</legend>
        <div className="mt-2 space-y-2">
          {EXPERTISE_CHOICES.map((choice) => (
            <label key={choice.value} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-stone-200 p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
              <input type="radio" name="expertise" value={choice.value} defaultChecked={chosen === choice.value} className="mt-1 h-5 w-5 shrink-0" aria-describedby={`expertise-${choice.value}-hint`} />
              <span>
                <span className="block font-medium">{choice.label}</span>
                <span id={`expertise-${choice.value}-hint`} className="block text-sm text-stone-700">
                  {choice.hint}
                </span>
              </span>
            </label>
          ))}
        </div>
        {error ? (
          <p id="expertise-error" className="mt-2 text-sm font-medium text-red-800">
            {error}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save expertise"}
      </Button>
    </form>
  );
}

export function StoryForm({ story, storyMax }: { story: string | null; storyMax: number }) {
  const { state, formAction, isPending, errors, values } = useProfileForm(updateStoryAction);
  const deletion = useProfileForm(updateStoryAction);
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4" noValidate>
        <ActionNotice state={state} />
        <Field
          id="profile-story"
          label="Your story, in your own words (optional)"
          hint={`It helps the director pair you well and support you. Write as much or as little as you like — up to ${storyMax.toLocaleString("en-GB")} characters.`}
          error={errors.story?.[0]}
        >
          <textarea
            id="profile-story"
            name="story"
            rows={8}
            maxLength={storyMax}
            defaultValue={values.story ?? story ?? ""}
            className={inputClass}
            {...describedBy("profile-story", { hint: true, error: errors.story?.[0] })}
          />
        </Field>
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : "Save my story"}
        </Button>
      </form>
      {story ? (
        <details className="text-sm">
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-red-800 underline">Delete my story</summary>
          <form action={deletion.formAction} className="mt-2 space-y-2 rounded-lg border border-red-200 bg-red-50 p-3">
            <input type="hidden" name="story" value="" />
            <ActionNotice state={deletion.state} />
            <p>This removes your story completely. You can write it again later if you want to.</p>
            <Button type="submit" variant="secondary" disabled={deletion.isPending}>
              {deletion.isPending ? "Deleting…" : "Yes, delete my story"}
            </Button>
          </form>
        </details>
      ) : null}
    </div>
  );
}

/** Agree or withdraw for one use. Withdrawing the consent to be offered work asks first. */
export function ConsentForm({ purpose, isGiven, label }: { purpose: string; isGiven: boolean; label: string }) {
  const { state, formAction, isPending } = useProfileForm(setConsentAction);
  const needsConfirmation = isGiven && purpose === "MATCHING";
  const form = (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="decision" value={isGiven ? "WITHDRAW" : "GRANT"} />
      {needsConfirmation ? <p className="text-sm">We won&apos;t offer you any new work until you agree again. Sessions you&apos;ve already accepted don&apos;t change.</p> : null}
      <Button type="submit" variant={isGiven ? "secondary" : "primary"} disabled={isPending}>
        {isPending ? "Saving…" : isGiven ? (needsConfirmation ? "Yes, withdraw" : `Withdraw: ${label}`) : `I agree: ${label}`}
      </Button>
    </form>
  );
  return (
    <div className="space-y-2">
      <ActionNotice state={state} />
      {needsConfirmation ? (
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-red-800 underline">Withdraw: {label}</summary>
          <div className="mt-2 rounded-lg border border-red-200 bg-red-50 p-3">{form}</div>
        </details>
      ) : (
        form
      )}
    </div>
  );
}

/** "Ask to deliver this" for a service not offered; "Stop" (after confirming) for one approved or waiting. */
export function ServiceActions({ serviceId, name, status }: { serviceId: string; name: string; status: "APPROVED" | "PENDING" | "NOT_OFFERED" }) {
  const ask = useProfileForm(requestServiceAction);
  const stop = useProfileForm(stopServiceAction);
  if (status === "NOT_OFFERED") {
    return (
      <form action={ask.formAction} className="space-y-2">
        <input type="hidden" name="serviceId" value={serviceId} />
        <ActionNotice state={ask.state ?? stop.state} />
        <Button type="submit" variant="secondary" disabled={ask.isPending} aria-label={`Ask to deliver ${name}`}>
          {ask.isPending ? "Sending…" : "Ask to deliver this"}
        </Button>
      </form>
    );
  }
  const what = status === "APPROVED" ? `Stop delivering ${name}` : `Withdraw your request for ${name}`;
  return (
    <div className="space-y-2">
      <ActionNotice state={ask.state} />
      <details>
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-stone-800 underline">
          {status === "APPROVED" ? "Stop" : "Withdraw request"}
          <span className="sr-only">: {name}</span>
        </summary>
        <form action={stop.formAction} className="mt-2 space-y-2 rounded-lg border border-stone-300 bg-stone-50 p-3 text-sm">
          <input type="hidden" name="serviceId" value={serviceId} />
          <ActionNotice state={stop.state} />
          <p>
            {status === "APPROVED"
              ? `You won't be offered ${name} any more. To deliver it again later, you'd ask the director again.`
              : `Your request to deliver ${name} will be withdrawn.`}
          </p>
          <Button type="submit" variant="secondary" disabled={stop.isPending}>
            {stop.isPending ? "Saving…" : `Yes, ${what.charAt(0).toLowerCase()}${what.slice(1)}`}
          </Button>
        </form>
      </details>
    </div>
  );
}
