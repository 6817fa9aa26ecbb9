/**
 * npm run db:seed — applies pending migrations, then seeds The Vision's demo data (prisma/seed.ts).
 * Uses DATABASE_URL when set, otherwise the embedded PostgreSQL (database "golden_thread").
 * Safe to run twice: the second run sees the director account and changes nothing.
 */
import { createPrismaClient } from "../lib/db/create-client";
import { resolveDatabase, type ResolvedDatabase } from "../lib/db/database-url";
import { deployMigrations } from "../lib/db/migrations";
import { seedDemoData } from "../prisma/seed";

function describeTarget(url: string) {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "the configured database";
  }
}

const started = performance.now();
let resolved: ResolvedDatabase | null = null;
let db: ReturnType<typeof createPrismaClient> | null = null;
let exitCode = 0;

try {
  resolved = await resolveDatabase();
  await deployMigrations(resolved.url);
  db = createPrismaClient(resolved.url, { max: 4 });
  const summary = await seedDemoData(db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${summary.message}`);
  console.log(`Database ${describeTarget(resolved.url)}; took ${seconds} s.`);
} catch (error) {
  exitCode = 1;
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(
    "Nothing was written if the seed itself failed (it runs in one transaction). " +
      "To start again from an empty database: npx tsx scripts/migrate.ts reset --skip-seed",
  );
} finally {
  await db?.$disconnect().catch(() => undefined);
  await resolved?.cluster?.stop().catch(() => undefined);
}

process.exit(exitCode);
