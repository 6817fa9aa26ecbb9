import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, isPdfPath, newNonce, PDF_CONTENT_SECURITY_POLICY } from "@/lib/server/security/security-headers";

/**
 * Next 16's proxy (formerly middleware): gives every page, route handler and download a
 * Content-Security-Policy with a fresh nonce. The policy is also put on the request, where Next
 * finds the nonce and adds it to its own scripts; `x-nonce` carries it to any server component that
 * renders a script of its own. Pages must render per request for this (app/layout.tsx). PDFs get
 * a policy Chrome's PDF viewer can work under (see PDF_CONTENT_SECURITY_POLICY).
 * The headers that never change are in next.config.ts.
 */
export function proxy(request: NextRequest) {
  if (isPdfPath(request.nextUrl.pathname)) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", PDF_CONTENT_SECURITY_POLICY);
    return response;
  }
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { isDevelopment: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything except build assets (hashed files that run no policy of their own) and
      // link prefetches (RSC data, not documents).
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
