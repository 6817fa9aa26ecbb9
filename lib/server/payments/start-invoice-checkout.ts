import type Stripe from "stripe";
import type { OrganisationContext } from "@/lib/auth/membership";
import { scopeInvoices } from "@/lib/auth/scope";
import type { Db } from "@/lib/db/create-client";
import { formatInvoiceNumber } from "@/lib/format";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";

/**
 * Pay an issued invoice by card: a Stripe Checkout session for its total, remembered on the invoice.
 * The invoice becomes PAID only when Stripe's signed webhook says so (handleStripeEvent).
 */
export async function startInvoiceCheckout({ db, stripe, context, unverifiedNumber, appUrl, now = new Date() }: { db: Db; stripe: Stripe; context: OrganisationContext; unverifiedNumber: string; appUrl: string; now?: Date }): Promise<Result<{ url: string }>> {
  const number = /^\d{1,9}$/.test(unverifiedNumber) ? Number(unverifiedNumber) : null;
  const invoice = number === null ? null : await db.invoice.findFirst({ where: { number, ...scopeInvoices(context.actor, context.organisation.id) }, select: { id: true, number: true, status: true, totalPence: true, creditNotes: { select: { totalPence: true } } } });
  if (!invoice) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that invoice.");
  if (invoice.status !== "ISSUED") return fail(AppErrorCode.INVALID_INPUT, invoice.status === "PAID" ? "This invoice has already been paid — thank you." : "This invoice can't be paid.");
  // What is still owed: the total less any part credit notes (a full credit makes the invoice VOID).
  const amountPence = invoice.totalPence - invoice.creditNotes.reduce((sum, note) => sum + note.totalPence, 0);
  if (amountPence <= 0) return fail(AppErrorCode.INVALID_INPUT, "There is nothing to pay on this invoice.");
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: invoice.id,
        customer_email: context.actor.email,
        expires_at: Math.floor(now.getTime() / 1000) + 30 * 60,
        line_items: [{ quantity: 1, price_data: { currency: "gbp", unit_amount: amountPence, product_data: { name: `Invoice ${formatInvoiceNumber(invoice.number)}` } } }],
        metadata: { invoiceId: invoice.id },
        success_url: `${appUrl}/org/${context.organisation.slug}/invoices?paid=${invoice.number}`,
        cancel_url: `${appUrl}/org/${context.organisation.slug}/invoices`,
      },
      { idempotencyKey: `invoice-${invoice.id}-${Math.floor(now.getTime() / 60_000)}` },
    );
  } catch {
    return fail(AppErrorCode.UNEXPECTED, "Card payments aren't working right now. You can pay by bank transfer using the details on the invoice.");
  }
  if (!session.url) return fail(AppErrorCode.UNEXPECTED, "Card payments aren't working right now. You can pay by bank transfer using the details on the invoice.");
  await db.invoice.update({ where: { id: invoice.id }, data: { stripeCheckoutSessionId: session.id } });
  return ok({ url: session.url });
}
