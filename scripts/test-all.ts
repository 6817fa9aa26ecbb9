/**
 * `npm test`: every test, in order, on real parts.
 *   1. type check (tsc) and lint (ESLint)
 *   2. unit + integration (Vitest; integration on real PostgreSQL, a fresh database per test file)
 *   3. production build, then end-to-end journeys in real Chromium (Playwright) against `next start`
 * The embedded PostgreSQL is started once here and shared; DATABASE_URL, when set, names a server to
 * use instead (test databases are created beside its own database, never in it).
 * Ends with one line "N passed, N failed" summing every runner.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedCluster } from "../lib/db/embedded";

const root = path.resolve(import.meta.dirname, "..");
// Not test-results/: Playwright empties that folder when it starts.
const resultsDir = path.join(root, ".test-reports");
mkdirSync(resultsDir, { recursive: true });
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const skipE2e = process.argv.includes("--skip-e2e");

type Step = { name: string; seconds: number; ok: boolean };
const steps: Step[] = [];
const env = { ...process.env, TZ: "UTC", NEXT_TELEMETRY_DISABLED: "1" };

/**
 * Runs one step. Asynchronously on purpose: this process owns the embedded PostgreSQL, whose output
 * arrives through pipes; a blocked event loop (spawnSync) stops draining them and, once a pipe is full,
 * PostgreSQL stalls mid-query.
 */
async function run(name: string, command: string, args: string[], extraEnv: Record<string, string> = {}) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
    child.on("exit", (code) => resolve(code));
    child.on("error", () => resolve(1));
  });
  const step = { name, seconds: (Date.now() - started) / 1000, ok: status === 0 };
  steps.push(step);
  return step.ok;
}

function readJson<T>(file: string): T | null {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
  } catch {
    return null;
  }
}

async function main() {
  const started = Date.now();
  const cluster = process.env.DATABASE_URL ? null : await startEmbeddedCluster({ quiet: true });
  let ok = true;
  try {
    ok = (await run("Type check", bin("tsc"), ["--noEmit"])) && ok;
    ok = (await run("Lint", bin("eslint"), [".", "--max-warnings=0"])) && ok;
    const vitestJson = path.join(resultsDir, "vitest.json");
    ok = (await run("Unit and integration tests (Vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`])) && ok;
    const playwrightJson = path.join(resultsDir, "playwright.json");
    if (!skipE2e) {
      const built = await run("Production build (next build)", bin("next"), ["build"]);
      ok = built && ok;
      if (built) ok = (await run("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson })) && ok;
    }

    const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(vitestJson);
    const playwright = skipE2e ? null : readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(playwrightJson);
    const passed = (vitest?.numPassedTests ?? 0) + (playwright ? playwright.stats.expected + playwright.stats.flaky : 0);
    // A failed check or build counts as a failure too, so the closing line never hides it.
    const failedSteps = steps.filter((step) => !step.ok && !/Vitest|Playwright/.test(step.name)).length;
    const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats.unexpected ?? 0) + failedSteps;
    const skipped = (vitest ? vitest.numPendingTests + vitest.numTodoTests : 0) + (playwright?.stats.skipped ?? 0);
    console.log("\n━━ Summary ━━");
    for (const step of steps) console.log(`${step.ok ? "✓" : "✗"} ${step.name} (${step.seconds.toFixed(1)} s)`);
    console.log(`Vitest: ${vitest?.numPassedTests ?? 0} passed, ${vitest?.numFailedTests ?? 0} failed`);
    if (playwright) console.log(`Playwright: ${playwright.stats.expected} passed, ${playwright.stats.unexpected} failed`);
    console.log(`Wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // A run that executed no test is a failure, not a pass.
    if (passed === 0) ok = false;
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  } finally {
    await cluster?.stop();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
