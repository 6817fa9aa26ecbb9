import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";

let client: Stripe | null | undefined;

/** The Stripe SDK when keys are set (card payments on); null otherwise (invoices only). */
export function getStripe(): Stripe | null {
  if (client === undefined) client = env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET ? new Stripe(env.STRIPE_SECRET_KEY, { maxNetworkRetries: 2, appInfo: { name: "Golden Thread" } }) : null;
  return client;
}
