import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";

let client: Stripe | null | undefined;

/** The Stripe SDK when keys are set (card payments on); null otherwise (invoices only). */
export function getStripe(): Stripe | null {
  if (client === undefined) {
    // STRIPE_API_URL (tests only) points the real SDK at a local stand-in for api.stripe.com.
    const api = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : null;
    client =
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
        ? new Stripe(env.STRIPE_SECRET_KEY, {
            maxNetworkRetries: 2,
            appInfo: { name: "Golden Thread" },
            ...(api ? { host: api.hostname, port: api.port, protocol: api.protocol === "http:" ? "http" : "https" } : {}),
          })
        : null;
  }
  return client;
}
