"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { homePathFor, loadActor } from "@/lib/auth/actor";
import { signIn, signOut } from "@/lib/auth/config";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createDemoSession } from "@/lib/server/auth/create-demo-session";
import { clientAddress } from "@/lib/server/security/client-address";
import { limitDemoSignIn, limitMagicLinkRequest } from "@/lib/server/security/rate-limit";
import { AppErrorCode, fail, type Result } from "@/lib/result";

const emailInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address like name@example.org.").max(254, "That email address is too long."),
  callbackUrl: z
    .string()
    .optional()
    // Only same-site paths: never an open redirect.
    .transform((value) => (value && value.startsWith("/") && !value.startsWith("//") ? value : "/dashboard")),
});

export type SignInState = Result<null> | null;

/** Sends a magic link. The same answer whether or not the address has an account; too many requests for one address or from one connection are refused before anything is sent. */
export async function requestMagicLinkAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = emailInput.safeParse({ email: formData.get("email"), callbackUrl: formData.get("callbackUrl") ?? undefined });
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    return fail(AppErrorCode.INVALID_INPUT, "Check your email address.", fieldErrors);
  }
  const limit = await limitMagicLinkRequest({ email: parsed.data.email, clientAddress: clientAddress(await headers()) });
  if (!limit.ok) return fail(limit.code, limit.message);
  try {
    await signIn("email", { email: parsed.data.email, redirectTo: parsed.data.callbackUrl, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return fail(AppErrorCode.UNEXPECTED, "We couldn't send the link just now. Please try again in a minute.");
    throw error;
  }
  redirect(`/sign-in/check-email?email=${encodeURIComponent(parsed.data.email)}`);
}

/** One-click demo sign-in (demo mode only). */
export async function demoSignInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const limit = await limitDemoSignIn({ clientAddress: clientAddress(await headers()) });
  if (!limit.ok) return fail(limit.code, limit.message);
  const result = await createDemoSession({ account: formData.get("account") });
  if (!result.ok) return result;
  const jar = await cookies();
  jar.set(sessionCookieName(), result.data.sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: sessionCookieName().startsWith("__Secure-"),
    expires: result.data.expires,
  });
  const actor = await loadActor(result.data.userId);
  redirect(actor ? homePathFor(actor) : "/");
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
