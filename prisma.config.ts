import { defineConfig } from "prisma/config";

// The CLI reads this for `prisma generate`. Migrations run through scripts/migrate.ts (offline engine),
// which reads DATABASE_URL itself and falls back to the embedded database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
