import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { exportPayRunBankCsv } from "@/lib/server/director/pay-runs";

/** The pay run's BACS-style bank file, for the director only (anyone else: 404). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireDirector(`/director/pay/${id}`);
  const file = await exportPayRunBankCsv(db, { actor, unverifiedPayRunId: id });
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(file.csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
