/**
 * Offline migrations (see lib/db/migrations.ts).
 *   npm run db:migrate                   apply pending migrations (deploy)
 *   npm run db:migrate:dev -- <name>     create a migration from schema.prisma changes and apply it
 *   npm run db:migrate:create -- <name>  write a draft migration (for hand-written SQL) without applying
 *   npm run db:migrate:status            show applied / pending / failed migrations
 *   npm run db:migrate:check             exit 1 and print the SQL when schema.prisma and the migrations drift
 *   npm run db:reset                     drop everything, re-apply migrations, seed
 */
import { spawn } from "node:child_process";
import { resolveDatabase } from "../lib/db/database-url";
import {
  createAndApplyMigration,
  deployMigrations,
  diffMigrationsToSchema,
  migrationStatus,
  resetDatabase,
} from "../lib/db/migrations";

const [command = "deploy", ...rest] = process.argv.slice(2);

function nameArgument() {
  const args = rest.filter((arg) => arg !== "--name");
  const name = args[0];
  if (!name) {
    console.error("Give the migration a name, e.g. npm run db:migrate:dev -- add_quotes");
    process.exit(2);
  }
  return name;
}

async function main() {
  const { url, cluster } = await resolveDatabase();
  let exitCode = 0;
  try {
    switch (command) {
      case "deploy": {
        const applied = await deployMigrations(url);
        console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}` : "The database is up to date.");
        break;
      }
      case "dev":
      case "create": {
        const { dir, applied } = await createAndApplyMigration(url, nameArgument(), { draft: command === "create" });
        if (!dir) console.log("No schema changes: nothing to migrate.");
        else console.log(`Wrote ${dir}${applied.length ? ` and applied ${applied.join(", ")}` : " (not applied: edit it, then npm run db:migrate)"}.`);
        break;
      }
      case "status": {
        const status = await migrationStatus(url);
        console.log(JSON.stringify(status, null, 2));
        if (status.history || status.failedMigrationNames.length || status.editedMigrationNames.length) exitCode = 1;
        break;
      }
      case "check": {
        const sql = await diffMigrationsToSchema(url);
        if (sql) {
          console.error("schema.prisma and prisma/migrations have drifted. A migration needs:\n\n" + sql);
          console.error("\nRun: npm run db:migrate:dev -- <name>");
          exitCode = 1;
        } else console.log("No drift: the migrations produce exactly schema.prisma.");
        break;
      }
      case "reset": {
        const applied = await resetDatabase(url);
        console.log(`Reset the database and applied ${applied.length} migration(s).`);
        if (!rest.includes("--skip-seed")) {
          // Async, so this process keeps draining the embedded PostgreSQL's output while the seed runs.
          exitCode = await new Promise<number>((resolve) => {
            const seed = spawn(process.execPath, ["--import", "tsx", "scripts/seed.ts"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
            seed.on("exit", (code) => resolve(code ?? 1));
          });
        }
        break;
      }
      default:
        console.error(`Unknown command "${command}". Use deploy, dev, create, status, check or reset.`);
        exitCode = 2;
    }
  } finally {
    await cluster?.stop();
  }
  process.exit(exitCode);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
