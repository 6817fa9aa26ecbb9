import { z } from "zod";

/**
 * Plain-English fallbacks for zod's own messages ("Invalid input: expected string, received null"), used
 * only where a schema gives no message of its own — typically a hidden field or a crafted request, where
 * the person still deserves words they understand. Loaded once, for every schema, by lib/result.ts.
 */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const missing = issue.input === undefined || issue.input === null || issue.input === "";
  switch (issue.code) {
    case "invalid_type":
      if (missing) return "This is required.";
      if (issue.expected === "number" || issue.expected === "int" || issue.expected === "bigint") return "Enter a number.";
      if (issue.expected === "date") return "Enter a date.";
      if (issue.expected === "string") return "Enter text here.";
      return "We couldn't read this. Please try again.";
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "This is required." : `Enter at least ${issue.minimum} characters.`;
      if (issue.origin === "array" || issue.origin === "set") return Number(issue.minimum) <= 1 ? "Choose at least one." : `Choose at least ${issue.minimum}.`;
      return `Enter ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}.`;
    case "too_big":
      if (issue.origin === "string") return `Keep this to ${issue.maximum} characters or fewer.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${issue.maximum}.`;
      return `Enter ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}.`;
    case "invalid_format":
      return issue.format === "email" ? "Enter an email address like name@example.org." : "Check the format of this.";
    case "invalid_value":
      return "Choose one of the options.";
    case "not_multiple_of":
      return "Enter a whole number.";
    default:
      return "Check this.";
  }
}

z.config({ customError: plainMessage });
