import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { renderAssociateFeed } from "@/lib/server/associates/sessions";

/**
 * An associate's private calendar feed (`/api/calendar/<secret>.ics`). Calendar apps can't sign in, so
 * the secret in the URL is the key; an unknown or regenerated one is 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const body = await renderAssociateFeed(db, { unverifiedToken: token.replace(/\.ics$/, ""), appUrl: env.APP_URL });
  if (body === null) return new Response("Not found", { status: 404 });
  return new Response(body, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="golden-thread.ics"',
      "cache-control": "private, no-store",
      "x-robots-tag": "noindex",
    },
  });
}
