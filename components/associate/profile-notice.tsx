import { FormAlert } from "@/components/ui/form-alert";

type NoticeState = { ok: true; notice?: string } | { ok: false; message: string } | null;

/** A form's outcome: a polite status after success, an alert after a refusal. */
export function ActionNotice({ state, className = "" }: { state: NoticeState; className?: string }) {
  if (!state) return null;
  if (!state.ok) return <FormAlert message={state.message} className={`text-sm ${className}`} />;
  return state.notice ? (
    <p role="status" className={`rounded-md bg-brand-50 p-3 text-sm text-stone-900 ${className}`}>
      {state.notice}
    </p>
  ) : null;
}
