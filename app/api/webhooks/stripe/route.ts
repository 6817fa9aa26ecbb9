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
  let event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, env.STRIPE_WEBHOOK_SECRET);
  } catch {
    return new Response("Invalid signature.", { status: 400 });
  }
  const outcome = await handleStripeEvent({ db, event });
  return Response.json({ received: true, outcome });
}
