import { notFound, redirect } from "next/navigation";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { renderMonthlyStatement } from "@/lib/server/associates/statements";

/** The caller's own monthly statement (?month=YYYY-MM). Anyone who isn't an associate: not found. */
export async function GET(request: Request) {
  const actor = await requireAssociate("/associate/money");
  const month = new URL(request.url).searchParams.get("month") ?? undefined;
  const result = await renderMonthlyStatement({ db, actor, input: { month } });
  if (!result.ok) {
    if (result.code === "NOT_FOUND") notFound();
    redirect("/associate/money#statements");
  }
  return new Response(Buffer.from(result.data.pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${result.data.filename}"`, "cache-control": "private, no-store" },
  });
}
