import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/** Auth.js's session cookie name: prefixed with __Secure- when the app is served over https. */
export function sessionCookieName(appUrl = env.APP_URL): string {
  return appUrl.startsWith("https:") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

export function newSessionToken(): string {
  return randomBytes(32).toString("hex");
}

export const SESSION_DAYS = 30;
