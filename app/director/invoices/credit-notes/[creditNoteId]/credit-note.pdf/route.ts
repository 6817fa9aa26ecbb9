import { getActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { renderCreditNotePdf } from "@/lib/server/director/credit-notes";

/** A credit note as a PDF, for the director. Anyone else: 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ creditNoteId: string }> }) {
  const { creditNoteId } = await params;
  const actor = await getActor();
  const rendered = actor ? await renderCreditNotePdf({ db, actor, unverifiedCreditNoteId: creditNoteId }) : null;
  if (!rendered) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(rendered.pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${rendered.filename}"`, "cache-control": "private, no-store" },
  });
}
