import { notFound } from "next/navigation";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { exportOwnData } from "@/lib/server/privacy/export";

/** "Download my data": everything we hold about the signed-in associate, as JSON (?receipts=1 adds receipt files). */
export async function GET(request: Request) {
  const actor = await requireAssociate("/associate/profile");
  const receipts = new URL(request.url).searchParams.get("receipts");
  const result = await exportOwnData({ db, actor, input: { includeReceipts: receipts ?? undefined } });
  if (!result.ok) notFound();
  return new Response(result.data.json, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${result.data.filename}"`, "cache-control": "private, no-store" },
  });
}
