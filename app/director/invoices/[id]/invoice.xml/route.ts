import { getActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { renderDirectorInvoiceUbl } from "@/lib/server/director/invoice-documents";

/** An issued invoice as a UBL 2.1 e-invoice, for clients (often public bodies) that take them. Anyone else: 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  const rendered = actor ? await renderDirectorInvoiceUbl({ db, actor, unverifiedInvoiceId: id }) : null;
  if (!rendered) return new Response("Not found", { status: 404 });
  return new Response(rendered.xml, {
    headers: { "content-type": "application/xml; charset=utf-8", "content-disposition": `attachment; filename="${rendered.filename}"`, "cache-control": "private, no-store" },
  });
}
