"use client";

import { useActionState, useId, useState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { offerPairAction, swapFacilitatorAction, type PairingState } from "@/app/director/deliveries/[id]/actions";
import { formatPence } from "@/lib/format";

const selectClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";

/** A refusal, next to the form that caused it (success navigates, and the page says what changed). */
function Outcome({ state }: { state: PairingState }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
      {state.message}
    </p>
  );
}

type Person = { associateId: string; name: string };

/**
 * Offers the session to one suggested pair. When the pair would move someone off the session, the
 * director confirms first and is told who is moved and that they'll be emailed.
 */
export function OfferPairForm({ deliveryId, lived, professional, replaces }: { deliveryId: string; lived: Person; professional: Person; replaces: { name: string; isAccepted: boolean }[] }) {
  const [state, action, isPending] = useActionState<PairingState, FormData>(offerPairAction.bind(null, deliveryId), null);
  const [isConfirming, setIsConfirming] = useState(false);
  const confirmId = useId();
  const pairName = `${lived.name} and ${professional.name}`;
  const fields = (
    <>
      <input type="hidden" name="livedAssociateId" value={lived.associateId} />
      <input type="hidden" name="professionalAssociateId" value={professional.associateId} />
    </>
  );
  if (replaces.length > 0 && !isConfirming && !state?.ok) {
    return (
      <div className="space-y-2">
        <Outcome state={state} />
        <Button type="button" onClick={() => setIsConfirming(true)}>
          Offer to this pair<span className="sr-only"> ({pairName})</span>
        </Button>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-2" aria-describedby={isConfirming ? confirmId : undefined}>
      {fields}
      <Outcome state={state} />
      {isConfirming && !state?.ok ? (
        <div id={confirmId} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          <p>
            This moves {replaces.map((r) => `${r.name}${r.isAccepted ? " (who had accepted)" : " (offered, not yet answered)"}`).join(" and ")} off this session. We&apos;ll email them kindly
            to say so.
          </p>
        </div>
      ) : null}
      {state?.ok ? null : (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={isPending}>
            {isPending ? "Sending offers…" : isConfirming ? "Yes, offer to this pair" : "Offer to this pair"}
            <span className="sr-only"> ({pairName})</span>
          </Button>
          {isConfirming ? (
            <Button type="button" variant="secondary" onClick={() => setIsConfirming(false)} disabled={isPending}>
              Keep things as they are
            </Button>
          ) : null}
        </div>
      )}
    </form>
  );
}

type Current = { role: "LIVED" | "PROFESSIONAL"; name: string; isAccepted: boolean };

/** Replaces the facilitator in one role with someone free, after a confirmation naming both people. */
export function SwapForm({
  deliveryId,
  current,
  options,
}: {
  deliveryId: string;
  current: Current[];
  options: Record<"LIVED" | "PROFESSIONAL", (Person & { paidThisQuarterPence: number })[]>;
}) {
  const [state, action, isPending] = useActionState<PairingState, FormData>(swapFacilitatorAction.bind(null, deliveryId), null);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const [role, setRole] = useState<"LIVED" | "PROFESSIONAL">(values.role === "PROFESSIONAL" ? "PROFESSIONAL" : "LIVED");
  const [associateId, setAssociateId] = useState(values.associateId ?? "");
  const [isConfirming, setIsConfirming] = useState(false);
  const leaving = current.find((c) => c.role === role);
  const choices = options[role].filter((o) => o.name !== leaving?.name);
  const incoming = choices.find((o) => o.associateId === associateId);
  const roleError = errors.role?.[0];
  const personError = errors.associateId?.[0];
  return (
    <form action={action} className="space-y-4" noValidate onSubmit={() => setIsConfirming(false)}>
      <Outcome state={state} />
      <fieldset>
        <legend className="font-medium">Which facilitator do you want to change?</legend>
        {(["LIVED", "PROFESSIONAL"] as const).map((value) => {
          const person = current.find((c) => c.role === value);
          return (
            <label key={value} className="mt-1 flex min-h-11 items-center gap-2">
              <input
                type="radio"
                name="role"
                value={value}
                checked={role === value}
                onChange={() => {
                  setRole(value);
                  setAssociateId("");
                  setIsConfirming(false);
                }}
              />
              {value === "LIVED" ? "The lived-experience associate" : "The professional associate"}
              {person ? ` (now ${person.name})` : " (nobody yet)"}
            </label>
          );
        })}
        {roleError ? <p className="text-sm font-medium text-red-800">{roleError}</p> : null}
      </fieldset>
      <Field id="swap-associate" label="Who should take their place?" hint="Only people free, qualified and cleared for this time are listed." error={personError}>
        <select
          id="swap-associate"
          name="associateId"
          value={associateId}
          onChange={(event) => {
            setAssociateId(event.target.value);
            setIsConfirming(false);
          }}
          className={selectClass}
          {...describedBy("swap-associate", { hint: true, error: personError })}
        >
          <option value="">Choose someone</option>
          {choices.map((o) => (
            <option key={o.associateId} value={o.associateId}>
              {role === "LIVED" ? `${o.name} — ${formatPence(o.paidThisQuarterPence)} paid this quarter` : o.name}
            </option>
          ))}
        </select>
      </Field>
      {isConfirming && incoming ? (
        <div className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          <p>
            {leaving ? `${leaving.name}${leaving.isAccepted ? ", who had accepted," : ""} will be moved off this session and emailed kindly to say so. ` : ""}
            {incoming.name} will be sent a written offer.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={isPending}>
              {isPending ? "Swapping…" : "Yes, swap and send the offer"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setIsConfirming(false)} disabled={isPending}>
              Keep things as they are
            </Button>
          </div>
        </div>
      ) : (
        <Button type={incoming ? "button" : "submit"} onClick={incoming ? () => setIsConfirming(true) : undefined} disabled={isPending}>
          Swap this facilitator
        </Button>
      )}
    </form>
  );
}
