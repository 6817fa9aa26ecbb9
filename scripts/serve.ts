/**
 * `npm run dev` (next dev) and `npm start` (next start): find or start the database, apply
 * migrations, seed the demo data when the database is empty, then run Next with DATABASE_URL set.
 *   tsx scripts/serve.ts dev|start [--port N] [--database NAME] [--fresh]
 * --fresh drops and re-creates the database first (used by the e2e server).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { resolveDatabase } from "../lib/db/database-url";
import { createPrismaClient } from "../lib/db/create-client";
import { recreateDatabase, withDatabase } from "../lib/db/embedded";
import { deployMigrations } from "../lib/db/migrations";
import { seedDemoData } from "../prisma/seed";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const mode = args[0] === "start" ? "start" : "dev";
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const port = option("port") ?? process.env.PORT ?? "3000";
const database = option("database");
const isFresh = args.includes("--fresh");

async function main() {
  const started = Date.now();
  const { url, cluster } = await resolveDatabase(database);
  let databaseUrl = url;
  if (isFresh) {
    if (!database) throw new Error("--fresh needs --database NAME (it drops and re-creates that database).");
    const name = new URL(url).pathname.slice(1);
    await recreateDatabase(withDatabase(url, "postgres"), name);
    databaseUrl = withDatabase(url, name);
  }
  const applied = await deployMigrations(databaseUrl);
  if (applied.length) console.log(`[db] Applied ${applied.length} migration(s).`);
  const db = createPrismaClient(databaseUrl, { max: 2 });
  const userCount = await db.user.count();
  if (userCount === 0) {
    const summary = await seedDemoData(db);
    console.log(`[db] Seeded the demo consultancy: ${JSON.stringify(summary)}`);
  }
  await db.$disconnect();
  console.log(`[db] Ready in ${Date.now() - started} ms${cluster ? " (embedded PostgreSQL)" : ""}.`);

  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (mode === "start" && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("[next] No production build yet: running next build…");
    // Async: this process may own the embedded PostgreSQL and must keep draining its output.
    const status = await new Promise<number | null>((resolve) => {
      spawn(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } }).on("exit", resolve);
    });
    if (status !== 0) throw new Error("next build failed.");
  }
  const child = spawn(process.execPath, [nextBin, mode, "--port", port, "--hostname", process.env.HOSTNAME ?? "127.0.0.1"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" },
  });
  // The background jobs (hold expiry, offers, email) run beside the web server.
  const worker = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "worker.ts")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  const shutdown = async (code: number) => {
    worker.kill("SIGTERM");
    await cluster?.stop().catch(() => undefined);
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      child.kill(signal);
      // At once, not after Next exits: if this process is then killed outright, no worker is left behind.
      worker.kill("SIGTERM");
    });
  }
  child.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
