"use client";

import { useActionState, useId, useState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import {
  addDraftLineAction,
  createDraftAction,
  creditNoteAction,
  deleteDraftAction,
  type InvoiceFormState,
  issueInvoiceAction,
  markPaidAction,
  reissueInvoiceAction,
  removeDraftLineAction,
  updateDraftDetailsAction,
  updateDraftLineAction,
} from "@/app/director/invoices/actions";
import { formatPence } from "@/lib/format";
import { FormNotice } from "@/components/ui/form-alert";

/**
 * The director's invoice forms. Every one validates on the server; after a refusal it shows the message,
 * each field's error next to the field (linked with aria-describedby) and keeps what was typed.
 */

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";
const summaryClass = "inline-flex min-h-11 cursor-pointer items-center rounded-lg px-3 font-semibold underline focus-visible:outline-2 focus-visible:outline-offset-2";

const VAT_OPTIONS = [
  { value: "2000", label: "20% (standard)" },
  { value: "500", label: "5% (reduced)" },
  { value: "0", label: "0% (exempt or zero-rated)" },
];

const errorsOf = (state: InvoiceFormState) => (state && !state.ok ? (state.fieldErrors ?? {}) : {}) as Record<string, string[] | undefined>;
const valuesOf = (state: InvoiceFormState) => (state && !state.ok ? (state.values ?? {}) : {});

function TextField({ id, name, label, hint, error, defaultValue, inputMode, type = "text", autoComplete = "off", className }: { id: string; name: string; label: string; hint?: string; error?: string; defaultValue?: string; inputMode?: "numeric" | "decimal"; type?: string; autoComplete?: string; className?: string }) {
  return (
    <div className={className}>
      <Field id={id} label={label} hint={hint} error={error}>
        <input id={id} name={name} type={type} inputMode={inputMode} autoComplete={autoComplete} defaultValue={defaultValue} className={inputClass} {...describedBy(id, { hint, error })} />
      </Field>
    </div>
  );
}

function VatFields({ prefix, errors, rate, reason }: { prefix: string; errors: Record<string, string[] | undefined>; rate: string; reason: string }) {
  const rateError = errors.vatRateBasisPoints?.[0];
  const reasonError = errors.vatExemptionReason?.[0];
  return (
    <>
      <Field id={`${prefix}-vat`} label="VAT rate" error={rateError}>
        <select id={`${prefix}-vat`} name="vatRateBasisPoints" defaultValue={rate} className={inputClass} {...describedBy(`${prefix}-vat`, { error: rateError })}>
          {VAT_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
      <TextField id={`${prefix}-reason`} name="vatExemptionReason" label="Why there is no VAT (only for 0%)" hint="For example: exempt education or training by an eligible body." error={reasonError} defaultValue={reason} />
    </>
  );
}

// ── A new draft from an engagement ─────────────────────────────────────────

export type WorkItem = { deliveryId: string; kind: "DELIVERED" | "CANCELLATION_CHARGE" | "UPCOMING"; description: string; unitPricePence: number };

export function NewDraftForm({ reference, work, defaults }: { reference: string; work: WorkItem[]; defaults: { purchaseOrderNumber: string; isPoRequired: boolean; paymentTermsDays: number; vatRateBasisPoints: number } }) {
  const [state, action, isPending] = useActionState<InvoiceFormState, FormData>(createDraftAction, null);
  const errors = errorsOf(state);
  const v = valuesOf(state);
  const chosen = v.deliveryIds !== undefined ? new Set(v.deliveryIds.split(",")) : null;
  const workError = errors.deliveryIds?.[0];
  const kindNote = { DELIVERED: "delivered", CANCELLATION_CHARGE: "cancelled with a charge", UPCOMING: "not delivered yet — tick only if the client agreed to pay in advance" } as const;
  return (
    <form action={action} className="space-y-6" noValidate>
      <input type="hidden" name="reference" value={reference} />
      <FormNotice state={state} />
      <fieldset className="space-y-2" aria-describedby={workError ? "work-error" : undefined}>
        <legend className="mb-1 font-semibold">What to invoice (one line each)</legend>
        {workError ? (
          <p id="work-error" className="text-sm font-medium text-red-800">
            {workError}
          </p>
        ) : null}
        {work.map((item) => (
          <label key={item.deliveryId} className="flex min-h-11 items-start gap-3 rounded-lg border border-stone-200 p-3">
            <input type="checkbox" name="deliveryIds" value={item.deliveryId} defaultChecked={chosen ? chosen.has(item.deliveryId) : item.kind !== "UPCOMING"} className="mt-1 h-5 w-5" />
            <span>
              <span className="font-medium">{item.description}</span>
              <span className="block text-sm text-stone-700">
                {formatPence(item.unitPricePence)} excluding VAT · {kindNote[item.kind]}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="draft-po"
          name="purchaseOrderNumber"
          label={defaults.isPoRequired ? "PO number (required by this client)" : "PO number (optional)"}
          error={errors.purchaseOrderNumber?.[0]}
          defaultValue={v.purchaseOrderNumber ?? defaults.purchaseOrderNumber}
        />
        <TextField id="draft-terms" name="paymentTermsDays" label="Payment terms (days)" hint="Days from the invoice date until it is due." inputMode="numeric" error={errors.paymentTermsDays?.[0]} defaultValue={v.paymentTermsDays ?? String(defaults.paymentTermsDays)} />
        <VatFields prefix="draft" errors={errors} rate={v.vatRateBasisPoints ?? String(defaults.vatRateBasisPoints)} reason={v.vatExemptionReason ?? ""} />
      </div>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Creating the draft…" : "Create draft invoice"}
      </Button>
    </form>
  );
}

// ── Editing a draft ─────────────────────────────────────────────────────────

export function DraftDetailsForm({ invoiceId, purchaseOrderNumber, paymentTermsDays, isPoRequired }: { invoiceId: string; purchaseOrderNumber: string; paymentTermsDays: number; isPoRequired: boolean }) {
  const [state, action, isPending] = useActionState<InvoiceFormState, FormData>(updateDraftDetailsAction.bind(null, invoiceId), null);
  const errors = errorsOf(state);
  const v = valuesOf(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormNotice state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="details-po" name="purchaseOrderNumber" label={isPoRequired ? "PO number (required by this client)" : "PO number (optional)"} error={errors.purchaseOrderNumber?.[0]} defaultValue={v.purchaseOrderNumber ?? purchaseOrderNumber} />
        <TextField id="details-terms" name="paymentTermsDays" label="Payment terms (days)" inputMode="numeric" error={errors.paymentTermsDays?.[0]} defaultValue={v.paymentTermsDays ?? String(paymentTermsDays)} />
      </div>
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Saving…" : "Save PO and terms"}
      </Button>
    </form>
  );
}

export type DraftLine = { id: string; description: string; quantity: number; unitPricePence: number; vatRateBasisPoints: number; vatExemptionReason: string | null };

const poundsText = (pence: number) => `${pence < 0 ? "-" : ""}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, "0")}`;

function LineFields({ prefix, errors, values, line }: { prefix: string; errors: Record<string, string[] | undefined>; values: Record<string, string>; line?: DraftLine }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <TextField className="sm:col-span-2 lg:col-span-4" id={`${prefix}-description`} name="description" label="Description" error={errors.description?.[0]} defaultValue={values.description ?? line?.description ?? ""} />
      <TextField id={`${prefix}-quantity`} name="quantity" label="Quantity" inputMode="numeric" error={errors.quantity?.[0]} defaultValue={values.quantity ?? String(line?.quantity ?? 1)} />
      <TextField id={`${prefix}-price`} name="unitPrice" label="Unit price (£, excluding VAT)" hint="A minus sign for a discount." inputMode="decimal" error={errors.unitPrice?.[0]} defaultValue={values.unitPrice ?? (line ? poundsText(line.unitPricePence) : "")} />
      <VatFields prefix={prefix} errors={errors} rate={values.vatRateBasisPoints ?? String(line?.vatRateBasisPoints ?? 2000)} reason={values.vatExemptionReason ?? line?.vatExemptionReason ?? ""} />
    </div>
  );
}

export function EditLineForm({ invoiceId, line, position }: { invoiceId: string; line: DraftLine; position: number }) {
  const [state, action, isPending] = useActionState<InvoiceFormState, FormData>(updateDraftLineAction.bind(null, invoiceId, line.id), null);
  const [removeState, removeAction, isRemoving] = useActionState<InvoiceFormState, FormData>(removeDraftLineAction.bind(null, invoiceId, line.id), null);
  const prefix = `line-${line.id}`;
  return (
    <details className="mt-1" open={state !== null && !state.ok}>
      <summary className={`${summaryClass} text-brand-800`}>
        Change or remove<span className="sr-only"> line {position}</span>
      </summary>
      <div className="mt-2 space-y-4 rounded-lg border border-stone-200 bg-stone-50 p-3">
        <form action={action} className="space-y-3" noValidate>
          <FormNotice state={state} />
          <LineFields prefix={prefix} errors={errorsOf(state)} values={valuesOf(state)} line={line} />
          <Button type="submit" variant="secondary" disabled={isPending}>
            {isPending ? "Saving…" : <>Save line<span className="sr-only"> {position}</span></>}
          </Button>
        </form>
        <details>
          <summary className={`${summaryClass} text-red-800`}>
            Remove this line<span className="sr-only"> ({line.description})</span>
          </summary>
          <form action={removeAction} className="mt-2 space-y-2">
            <FormNotice state={removeState} />
            <p className="text-sm">The line comes off this draft; if it was for a session, that session can be invoiced again later.</p>
            <Button type="submit" variant="secondary" disabled={isRemoving}>
              {isRemoving ? "Removing…" : "Yes, remove the line"}
            </Button>
          </form>
        </details>
      </div>
    </details>
  );
}

export function AddLineForm({ invoiceId }: { invoiceId: string }) {
  const [state, action, isPending] = useActionState<InvoiceFormState, FormData>(addDraftLineAction.bind(null, invoiceId), null);
  // React resets the form after each submit: empty after a line is added, what was typed after a refusal.
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormNotice state={state} />
      <LineFields prefix="new-line" errors={errorsOf(state)} values={valuesOf(state)} />
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Adding…" : "Add line"}
      </Button>
    </form>
  );
}

export function IssueInvoiceForm({ invoiceId, recipient, totalPence }: { invoiceId: string; recipient: string | null; totalPence: number }) {
  const [state, action, isPending] = useActionState<InvoiceFormState, FormData>(issueInvoiceAction.bind(null, invoiceId), null);
  return (
    <div className="space-y-3">
      <FormNotice state={state} />
      <details open={state !== null}>
        <summary className={`${summaryClass} bg-brand-700 text-white no-underline hover:bg-brand-800`}>Issue this invoice…</summary>
        <form action={action} className="mt-3 space-y-3 rounded-lg border border-brand-100 bg-brand-50 p-4">
          <p>
            Issuing gives it the next invoice number, emails it{recipient ? ` to ${recipient}` : ""} with the PDF attached ({formatPence(totalPence)} including VAT), and locks it. After
            that it can only be corrected with a credit note.
          </p>
          <Button type="submit" disabled={isPending}>
            {isPending ? "Issuing…" : "Yes, issue and email it"}
          </Button>
        </form>
      </details>
    </div>
  );
}

export function DeleteDraftForm({ invoiceId }: { invoiceId: string }) {
  const [state, action, isPending] = useActionState<InvoiceFormState, FormData>(deleteDraftAction.bind(null, invoiceId), null);
  return (
    <details>
      <summary className={`${summaryClass} text-red-800`}>Delete this draft…</summary>
      <form action={action} className="mt-2 space-y-2">
        <FormNotice state={state} />
        <p className="text-sm">The draft and its lines are thrown away. Nothing has been sent, and its sessions can be invoiced again.</p>
        <Button type="submit" variant="secondary" disabled={isPending}>
          {isPending ? "Deleting…" : "Yes, delete the draft"}
        </Button>
      </form>
    </details>
  );
}

// ── After issue ─────────────────────────────────────────────────────────────

export function MarkPaidForm({ invoiceId, today, outstandingPence }: { invoiceId: string; today: string; outstandingPence: number }) {
  const [state, action, isPending] = useActionState<InvoiceFormState, FormData>(markPaidAction.bind(null, invoiceId), null);
  const errors = errorsOf(state);
  const v = valuesOf(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormNotice state={state} />
      <p className="text-sm text-stone-700">For a bank transfer of {formatPence(outstandingPence)} that has arrived. Card payments mark themselves paid.</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="paid-on" name="paidOn" type="date" label="Date it arrived" error={errors.paidOn?.[0]} defaultValue={v.paidOn ?? today} />
        <TextField id="paid-reference" name="reference" label="Reference on the bank statement" error={errors.reference?.[0]} defaultValue={v.reference ?? ""} />
      </div>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Mark as paid"}
      </Button>
    </form>
  );
}

export function CreditNoteForm({ invoiceId, canCreditWhole, totalPence, creditable }: { invoiceId: string; canCreditWhole: boolean; totalPence: number; creditable: { vatRateBasisPoints: number; netPence: number }[] }) {
  const [state, action, isPending] = useActionState<InvoiceFormState, FormData>(creditNoteAction.bind(null, invoiceId), null);
  const errors = errorsOf(state);
  const v = valuesOf(state);
  const [scope, setScope] = useState(v.scope ?? (canCreditWhole ? "FULL" : "PART"));
  const id = useId();
  const amountHint = creditable.map((c) => `${formatPence(c.netPence)} left at ${c.vatRateBasisPoints / 100}% VAT`).join("; ");
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormNotice state={state} />
      <fieldset aria-describedby={errors.scope?.[0] ? `${id}-scope-error` : undefined}>
        <legend className="font-medium">How much to credit</legend>
        {errors.scope?.[0] ? (
          <p id={`${id}-scope-error`} className="text-sm font-medium text-red-800">
            {errors.scope[0]}
          </p>
        ) : null}
        {canCreditWhole ? (
          <label className="mt-1 flex min-h-11 items-center gap-2">
            <input type="radio" name="scope" value="FULL" checked={scope === "FULL"} onChange={() => setScope("FULL")} className="h-5 w-5" />
            The whole invoice ({formatPence(totalPence)} including VAT)
          </label>
        ) : null}
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="scope" value="PART" checked={scope === "PART"} onChange={() => setScope("PART")} className="h-5 w-5" />
          Part of it
        </label>
      </fieldset>
      {scope === "PART" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id={`${id}-amount`} name="amount" label="Amount to credit (£, excluding VAT)" hint={amountHint} inputMode="decimal" error={errors.amount?.[0]} defaultValue={v.amount ?? ""} />
          <Field id={`${id}-rate`} label="At VAT rate" error={errors.vatRateBasisPoints?.[0]}>
            <select id={`${id}-rate`} name="vatRateBasisPoints" defaultValue={v.vatRateBasisPoints ?? String(creditable[0]?.vatRateBasisPoints ?? 2000)} className={inputClass} {...describedBy(`${id}-rate`, { error: errors.vatRateBasisPoints?.[0] })}>
              {creditable.map((c) => (
                <option key={c.vatRateBasisPoints} value={c.vatRateBasisPoints}>
                  {c.vatRateBasisPoints / 100}%
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : null}
      <Field id={`${id}-reason`} label="Reason (printed on the credit note)" error={errors.reason?.[0]}>
        <textarea id={`${id}-reason`} name="reason" rows={3} defaultValue={v.reason ?? ""} className={inputClass} {...describedBy(`${id}-reason`, { error: errors.reason?.[0] })} />
      </Field>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Issuing the credit note…" : "Issue credit note and email it"}
      </Button>
    </form>
  );
}

export function ReissueForm({ invoiceId }: { invoiceId: string }) {
  const [state, action, isPending] = useActionState<InvoiceFormState, FormData>(reissueInvoiceAction.bind(null, invoiceId), null);
  return (
    <form action={action} className="space-y-2">
      <FormNotice state={state} />
      <p className="text-sm">Makes a new draft with the same lines, PO and terms, for you to correct and issue under a new number.</p>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Copying…" : "Re-issue as a new draft"}
      </Button>
    </form>
  );
}
