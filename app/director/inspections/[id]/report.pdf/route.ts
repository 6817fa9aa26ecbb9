import { getActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { getMockInspectionPdf } from "@/lib/server/director/inspections";

/** A mock-inspection report as a watermarked PDF, for the director. Anyone else: 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  const rendered = actor ? await getMockInspectionPdf({ db, actor, unverifiedId: id }) : null;
  if (!rendered) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(rendered.bytes), {
    headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${rendered.filename}"`, "cache-control": "private, no-store" },
  });
}
