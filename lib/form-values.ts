/**
 * What was typed into a form, to show it again after a refusal (React resets a form once its action
 * finishes). Text fields only (never files); React's own "$ACTION…" fields are left out; each value is
 * capped so a huge paste can't bloat the response.
 */
export function submittedValues(formData: FormData, maxLength = 5000): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !key.startsWith("$")) values[key] = value.slice(0, maxLength);
  return values;
}
