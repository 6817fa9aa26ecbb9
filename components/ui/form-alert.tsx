/** A form's overall refusal message, announced to screen readers as soon as it appears. */
export function FormAlert({ message, className = "" }: { message?: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={`rounded-md bg-red-50 p-3 text-red-900 ${className}`}>
      {message}
    </p>
  );
}
