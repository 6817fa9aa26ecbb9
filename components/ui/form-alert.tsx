/** A form's overall refusal message, announced to screen readers as soon as it appears. */
export function FormAlert({ message, className = "" }: { message?: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={`rounded-md bg-red-50 p-3 text-red-900 ${className}`}>
      {message}
    </p>
  );
}

/**
 * The outcome of a form action: a success notice (announced politely) or the refusal (announced at once).
 * Nothing before the first submit.
 */
export function FormNotice({ state }: { state: ({ ok: true; notice?: string } | { ok: false; message: string }) | null | undefined }) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="rounded-md bg-brand-50 p-3 text-sm">
      {state.notice}
    </p>
  ) : (
    <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
      {state.message}
    </p>
  );
}
