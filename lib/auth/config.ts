import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import type { Adapter } from "next-auth/adapters";
import type { NextRequest } from "next/server";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sendMagicLink } from "@/lib/server/auth/send-magic-link";
import { clientAddress } from "@/lib/server/security/client-address";
import { limitMagicLinkRequest } from "@/lib/server/security/rate-limit";

/** Magic links are valid for 15 minutes and work once. */
const MAGIC_LINK_MINUTES = 15;

const nextAuth = NextAuth({
  adapter: PrismaAdapter(db as never) as Adapter,
  // Sessions live in Postgres, so any number of app instances can serve a signed-in person.
  session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
  secret: env.authSecret,
  trustHost: true,
  pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
  providers: [
    {
      id: "email",
      type: "email",
      name: "Email",
      from: env.EMAIL_FROM,
      maxAge: MAGIC_LINK_MINUTES * 60,
      options: {},
      sendVerificationRequest: async ({ identifier, url }) => {
        await sendMagicLink({ email: identifier, url, minutes: MAGIC_LINK_MINUTES });
      },
    },
  ],
  callbacks: {
    /**
     * Keep people on this site after signing in: relative paths and same-origin URLs are resolved
     * against APP_URL (behind a proxy the request's own origin can differ); anything else goes home.
     */
    redirect({ url }) {
      const base = new URL(env.APP_URL);
      try {
        const target = new URL(url, base);
        return target.origin === base.origin || url.startsWith("/") ? `${base.origin}${target.pathname}${target.search}` : base.origin;
      } catch {
        return base.origin;
      }
    },
    session({ session, user }) {
      session.user.id = user.id;
      return session;
    },
  },
});

export const { auth, signIn, signOut } = nextAuth;

/**
 * Auth.js's route handlers, with its magic-link sender (POST /api/auth/signin/email, reachable by
 * anyone with a CSRF token from /api/auth/csrf) held to the same limits as the sign-in form's
 * action: over the limit it answers 429 and sends nothing. The form's action calls Auth.js directly,
 * not through this route, so each request is counted once.
 */
export const handlers = {
  GET: nextAuth.handlers.GET,
  async POST(request: NextRequest) {
    if (isMagicLinkRequest(request)) {
      const email = await readEmail(request.clone());
      if (email) {
        const limit = await limitMagicLinkRequest({ email, clientAddress: clientAddress(request.headers) });
        if (!limit.ok) {
          return Response.json({ code: limit.code, message: limit.message }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
        }
      }
    }
    return nextAuth.handlers.POST(request);
  },
};

/** The same reading of the path as Auth.js (segments after /api/auth, empty ones dropped), so no spelling of it slips past. */
function isMagicLinkRequest(request: NextRequest): boolean {
  const pathname = request.nextUrl.pathname;
  const base = "/api/auth";
  if (!pathname.startsWith(base)) return false;
  const [action, provider, ...rest] = pathname.slice(base.length).split("/").filter(Boolean);
  return action === "signin" && provider === "email" && rest.length === 0;
}

/** The address as Auth.js will read it from a JSON or form body. */
async function readEmail(request: Request): Promise<string | null> {
  try {
    const type = request.headers.get("content-type") ?? "";
    const body: unknown = type.includes("application/json")
      ? await request.json()
      : type.includes("application/x-www-form-urlencoded")
        ? Object.fromEntries(new URLSearchParams(await request.text()))
        : null;
    const email = body && typeof body === "object" && "email" in body ? body.email : null;
    return typeof email === "string" && email.trim() ? email : null;
  } catch {
    return null;
  }
}
