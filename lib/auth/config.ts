import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import type { Adapter } from "next-auth/adapters";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sendMagicLink } from "@/lib/server/auth/send-magic-link";

/** Magic links are valid for 15 minutes and work once. */
const MAGIC_LINK_MINUTES = 15;

export const { handlers, auth, signIn, signOut } = NextAuth({
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
