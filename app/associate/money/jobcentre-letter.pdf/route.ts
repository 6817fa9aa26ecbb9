import { notFound, redirect } from "next/navigation";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { renderJobcentreLetter } from "@/lib/server/associates/statements";

/**
 * The caller's own letter for the Jobcentre, for ?month=YYYY-MM or ?from=YYYY-MM-DD&to=YYYY-MM-DD.
 * Dates that don't work go back to the money page, which explains what to change.
 */
export async function GET(request: Request) {
  const actor = await requireAssociate("/associate/money");
  const params = new URL(request.url).searchParams;
  const input = { month: params.get("month") ?? undefined, from: params.get("from") ?? undefined, to: params.get("to") ?? undefined };
  const result = await renderJobcentreLetter({ db, actor, input });
  if (!result.ok) {
    if (result.code === "NOT_FOUND") notFound();
    const back = new URLSearchParams({ letter: "check", month: (input.month ?? "").slice(0, 7), from: (input.from ?? "").slice(0, 10), to: (input.to ?? "").slice(0, 10) });
    redirect(`/associate/money?${back.toString()}#statements`);
  }
  return new Response(Buffer.from(result.data.pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${result.data.filename}"`, "cache-control": "private, no-store" },
  });
}
