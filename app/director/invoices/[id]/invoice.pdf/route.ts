import { getActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { renderDirectorInvoicePdf } from "@/lib/server/director/invoice-documents";

/** The director's copy of an invoice as a PDF (a draft as a preview). Anyone else: 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  const rendered = actor ? await renderDirectorInvoicePdf({ db, actor, unverifiedInvoiceId: id }) : null;
  if (!rendered) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(rendered.pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${rendered.filename}"`, "cache-control": "private, no-store" },
  });
}
