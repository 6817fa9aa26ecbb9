import type Stripe from "stripe";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getStripe } from "@/lib/integrations/payments/stripe";
import { handleStripeEvent } from "@/lib/server/payments/handle-stripe-event";

/**
 * Stripe webhooks. The signature is checked against the raw body before anything is read; a forged or
 * replayed-too-late request gets 400 and changes nothing. Each event is applied at most once.
 */
export async function POST(request: Request) {
  const stripe = getStripe();
  if (!stripe || !env.STRIPE_WEBHOOK_SECRET) return new Response("Card payments are not configured.", { status: 404 });
  const signature = request.headers.get("stripe-signature");
  if (!signature) return new Response("Missing signature.", { status: 400 });
  const body = await request.text();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, env.STRIPE_WEBHOOK_SECRET);
  } catch {
    return new Response("Invalid signature.", { status: 400 });
  }
  // Signed but not an event (only possible with our secret): refused rather than failing later.
  if (!isEvent(event)) return new Response("Not a Stripe event.", { status: 400 });
  const outcome = await handleStripeEvent({ db, event });
  return Response.json({ received: true, outcome });
}

function isEvent(value: unknown): value is Stripe.Event {
  const event = value as { id?: unknown; type?: unknown; data?: { object?: unknown } } | null;
  return typeof event === "object" && event !== null && typeof event.id === "string" && event.id !== "" && typeof event.type === "string" && typeof event.data?.object === "object" && event.data.object !== null;
}
