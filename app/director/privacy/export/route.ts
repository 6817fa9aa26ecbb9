import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { exportPersonData } from "@/lib/server/privacy/export";

/**
 * The director's subject access export for one person, as a JSON download. A POST from the privacy
 * page's form, so the email address never sits in a URL (or a server log). Anyone else: not found.
 */
export async function POST(request: Request) {
  const actor = await requireDirector("/director/privacy");
  const form = await request.formData().catch(() => null);
  const result = await exportPersonData({ db, actor, input: { email: form?.get("email"), includeReceipts: form?.get("includeReceipts") } });
  if (!result.ok) {
    return new Response(result.message, { status: result.code === "NOT_FOUND" ? 404 : 400, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });
  }
  return new Response(result.data.json, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${result.data.filename}"`, "cache-control": "private, no-store" },
  });
}
