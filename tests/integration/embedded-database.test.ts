import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startEmbeddedCluster } from "@/lib/db/embedded";

/**
 * The embedded database's recovery paths, each on its own port and data folder (never the dev data):
 * a wrapper killed with SIGKILL leaves PostgreSQL running; a killed PostgreSQL leaves a stale
 * postmaster.pid; another program holding the port gets a clear message.
 */
const root = process.cwd();
const dir = mkdtempSync(path.join(tmpdir(), "gt-embedded-"));
// As root, PostgreSQL runs as the postgres user, which must be able to reach the folder.
chmodSync(dir, 0o755);
const port = 54_700 + Math.floor(Math.random() * 200);

function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  return run().finally(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
}

async function startInChildThenSigkill(dataDir: string, clusterPort: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "-e", `import("${path.join(root, "lib/db/embedded.ts")}").then(async (m) => { await m.startEmbeddedCluster({ quiet: true }); console.log("ready"); setInterval(() => {}, 1e9); })`],
    { cwd: root, env: { ...process.env, EMBEDDED_PG_PORT: String(clusterPort), EMBEDDED_PG_DIR: dataDir }, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
  });
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
}

async function selectOne(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ one: number }>("SELECT 1 AS one");
  await client.end();
  return rows[0]?.one;
}

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops) await stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("joins a server left running by a wrapper killed with SIGKILL, then recovers from a stale postmaster.pid", async () => {
    const dataDir = path.join(dir, "data");
    await startInChildThenSigkill(dataDir, port);
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);

    const joined = await withEnv({ EMBEDDED_PG_PORT: String(port), EMBEDDED_PG_DIR: dataDir }, () => startEmbeddedCluster({ quiet: true }));
    expect(joined.isOwnedByThisProcess).toBe(false);
    expect(await selectOne(joined.urlFor("postgres"))).toBe(1);

    // Now PostgreSQL itself dies hard: its postmaster.pid stays behind.
    process.kill(pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const otherPort = port + 1;
    const restarted = await withEnv({ EMBEDDED_PG_PORT: String(otherPort), EMBEDDED_PG_DIR: dataDir }, () => startEmbeddedCluster({ quiet: true }));
    stops.push(restarted.stop);
    expect(restarted.isOwnedByThisProcess).toBe(true);
    expect(await selectOne(restarted.urlFor("postgres"))).toBe(1);
  }, 60_000);

  it("says clearly when another program holds the port", async () => {
    const blocker = net.createServer().listen(port + 2, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    try {
      await expect(
        withEnv({ EMBEDDED_PG_PORT: String(port + 2), EMBEDDED_PG_DIR: path.join(dir, "blocked") }, () => startEmbeddedCluster({ quiet: true })),
      ).rejects.toThrow(/Port \d+ is already in use by another program.*\n.*EMBEDDED_PG_PORT/);
    } finally {
      blocker.close();
    }
  });
});
