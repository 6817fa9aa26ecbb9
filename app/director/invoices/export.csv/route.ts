import { getActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { exportInvoicesCsv } from "@/lib/server/director/invoice-documents";

/** Every issued invoice as CSV, for the accounts. The director only; anyone else: 404. */
export async function GET() {
  const actor = await getActor();
  const exported = actor ? await exportInvoicesCsv({ db, actor }) : null;
  if (!exported) return new Response("Not found", { status: 404 });
  // A byte-order mark so spreadsheet programs read the £ signs in the headings as UTF-8.
  return new Response(`\uFEFF${exported.csv}`, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${exported.filename}"`, "cache-control": "private, no-store" },
  });
}
