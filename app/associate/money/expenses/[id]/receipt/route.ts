import { requireActor } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { getReceiptForDownload } from "@/lib/server/associates/expenses";

/** A claim's receipt, for the associate who claimed it and the director only (anyone else: 404). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/associate/money`);
  const receipt = await getReceiptForDownload(db, { actor, unverifiedClaimId: id });
  if (!receipt) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(receipt.bytes), {
    headers: {
      // The type we detected from the file's own bytes when it was uploaded, never what the browser said.
      "content-type": receipt.contentType,
      "content-length": String(receipt.sizeBytes),
      "content-disposition": `attachment; filename="${receipt.filename}"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox",
      "cache-control": "private, no-store",
    },
  });
}
