import { z } from "zod";

/**
 * Every environment variable the app reads, parsed once. `.env.example` documents each one.
 * Demo mode (one-click demo sign-in) is on by default outside production and off in production
 * unless DEMO_MODE=true is set explicitly.
 */
const booleanString = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : value === "true" || value === "1"));

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  APP_URL: z.string().url().default("http://localhost:3000"),
  AUTH_SECRET: z.string().min(16).optional(),
  DEMO_MODE: booleanString,
  EMAIL_FROM: z.string().default("The Vision <hello@thevision.example>"),
  RESEND_API_KEY: z.string().min(1).optional(),
  SUPPLIER_NAME: z.string().min(1).default("The Vision (demo)"),
  SUPPLIER_ADDRESS: z.string().min(1).default("1 Example Street|Northshire|NS1 1AA"),
  SUPPLIER_VAT_NUMBER: z.string().min(1).default("GB000000000"),
  SUPPLIER_EMAIL: z.string().email().default("accounts@thevision.example"),
  BANK_SORT_CODE: z.string().regex(/^\d{2}-\d{2}-\d{2}$/).default("00-00-00"),
  BANK_ACCOUNT_NUMBER: z.string().regex(/^\d{8}$/).default("00000000"),
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Tests only: send Stripe API calls to a local stand-in (e.g. http://127.0.0.1:3299) instead of api.stripe.com. */
  STRIPE_API_URL: z.string().url().optional(),
  /** How many reverse proxies in front of the app append to X-Forwarded-For ("true" = 1); see lib/server/security/client-address.ts. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})?$/, "Use true, false or the number of proxies in front of the app.")
    .optional(),
});

function parseEnv() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}\nSee .env.example.`);
  }
  const value = parsed.data;
  const isProduction = value.NODE_ENV === "production";
  if (isProduction && !value.AUTH_SECRET && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("AUTH_SECRET must be set in production (at least 16 characters). See .env.example.");
  }
  return {
    ...value,
    isProduction,
    isDemoMode: value.DEMO_MODE ?? !isProduction,
    /** Dev default so a fresh clone signs in; production requires a real secret (checked above). */
    authSecret: value.AUTH_SECRET ?? "golden-thread-development-secret-not-for-production",
    hasResend: Boolean(value.RESEND_API_KEY),
    hasStripe: Boolean(value.STRIPE_SECRET_KEY && value.STRIPE_WEBHOOK_SECRET),
    /** The dev mailbox page exists only outside production. */
    hasDevMailbox: !isProduction,
    trustedProxyCount: value.TRUST_PROXY === "true" ? 1 : value.TRUST_PROXY && value.TRUST_PROXY !== "false" ? Number(value.TRUST_PROXY) : 0,
  };
}

export const env = parseEnv();
