import { describedBy, Field } from "@/components/booking/field";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";

type FieldErrors = Partial<Record<string, string[] | undefined>>;
type Values = Partial<Record<string, string>>;

/** One labelled text field of an organisation's details, re-showing what was typed after a refusal. */
export function OrganisationTextField({
  prefix,
  name,
  label,
  errors,
  values,
  defaultValue,
  hint,
  type = "text",
  autoComplete,
}: {
  prefix: string;
  name: string;
  label: string;
  errors: FieldErrors;
  values: Values;
  defaultValue?: string | null;
  hint?: string;
  type?: string;
  autoComplete?: string;
}) {
  const id = `${prefix}-${name}`;
  const error = errors[name]?.[0];
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input id={id} name={name} type={type} autoComplete={autoComplete} defaultValue={values[name] ?? defaultValue ?? ""} className={inputClass} {...describedBy(id, { hint, error })} />
    </Field>
  );
}

/** Address, invoice email, VAT number, payment terms (read-only: agreed with us) and the PO rule. */
export function BillingFields({
  prefix,
  errors,
  values,
  current,
  termsNote,
}: {
  prefix: string;
  errors: FieldErrors;
  values: Values;
  current?: { addressLine1: string | null; addressLine2: string | null; town: string | null; postcode: string | null; invoiceEmail: string | null; vatNumber: string | null; poRequired: boolean };
  termsNote: string;
}) {
  const field = (name: keyof NonNullable<typeof current>, label: string, options: { hint?: string; type?: string; autoComplete?: string } = {}) => (
    <OrganisationTextField prefix={prefix} name={name} label={label} errors={errors} values={values} defaultValue={current ? String(current[name] ?? "") : undefined} {...options} />
  );
  return (
    <>
      {field("addressLine1", "Address line 1", { autoComplete: "address-line1" })}
      {field("addressLine2", "Address line 2 (optional)", { autoComplete: "address-line2" })}
      <div className="grid gap-4 sm:grid-cols-2">
        {field("town", "Town or city", { autoComplete: "address-level2" })}
        {field("postcode", "Postcode", { autoComplete: "postal-code" })}
      </div>
      {field("invoiceEmail", "Email for invoices", { type: "email", hint: "Often a finance team's shared inbox." })}
      {field("vatNumber", "VAT number (optional)")}
      <p className="text-sm text-stone-700">{termsNote}</p>
      <label className="flex min-h-11 items-center gap-2">
        <input type="checkbox" name="poRequired" defaultChecked={values.poRequired !== undefined ? values.poRequired === "on" : (current?.poRequired ?? false)} className="size-5" />
        Every booking needs a purchase-order (PO) number
      </label>
    </>
  );
}
