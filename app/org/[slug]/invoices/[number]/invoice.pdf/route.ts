import { getActor } from "@/lib/auth/actor";
import { findMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { renderClientInvoice } from "@/lib/server/invoices/client-invoices";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; number: string }> }) {
  const { slug, number } = await params;
  const actor = await getActor();
  const context = actor ? findMembership(actor, slug) : null;
  if (!context) return new Response("Not found", { status: 404 });
  const rendered = await renderClientInvoice(db, { context, unverifiedNumber: number });
  if (!rendered) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(rendered.pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${rendered.filename}"`, "cache-control": "private, no-store" },
  });
}
