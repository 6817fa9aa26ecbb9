import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { EMBEDDED_PASSWORD } from "../../lib/db/embedded";
import playwrightConfig from "../../playwright.config";

/**
 * No secret reaches the browser: scans what the production build serves to browsers (everything
 * under .next/static, and the prerendered HTML, RSC payloads and route bodies under .next/server/app
 * and .next/server/pages) for
 *   1. the value of every secret-like variable this run knows of: the environment of this process,
 *      the .env files `next build` reads, and the environment Playwright gives the e2e server;
 *   2. the secrets written in the code as development fallbacks (the Auth.js dev secret, the
 *      embedded PostgreSQL password), which a server module pulled into a client bundle would carry;
 *   3. the shapes of real keys (Stripe, Resend, database URLs with a password), whatever their value;
 *   4. markers of server-only modules (env parsing, the Prisma client), which should never be bundled
 *      for the browser even if no secret is set at build time.
 * scripts/test-all.ts runs `next build` just before Playwright, so this reads that build.
 */
const root = path.resolve(import.meta.dirname, "..", "..");
const buildDir = path.join(root, ".next");

const SECRET_NAME = /SECRET|PASSWORD|API_KEY|TOKEN|PRIVATE|DATABASE_URL/;
/** Values too short to be secrets would match ordinary text. */
const isScannable = (value: string) => value.length >= 8;

function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const entries: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) entries[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, "$2");
  }
  return entries;
}

/** name → value of every secret-like variable known to this run. */
function knownSecrets(webServerEnvs: Record<string, string>[]): Map<string, string> {
  const sources: Record<string, string | undefined>[] = [
    process.env,
    ...[".env", ".env.local", ".env.production", ".env.production.local"].map((file) => readEnvFile(path.join(root, file))),
    ...webServerEnvs,
  ];
  const secrets = new Map<string, string>();
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      if (!value || !SECRET_NAME.test(name) || name.startsWith("NEXT_PUBLIC_")) continue;
      if (name.includes("DATABASE_URL")) {
        // The password, not the whole URL (the URL's host and port are no secret).
        const password = URL.canParse(value) ? decodeURIComponent(new URL(value).password) : "";
        if (password) secrets.set(`${name} password`, password);
        continue;
      }
      if (isScannable(value)) secrets.set(name, value);
    }
  }
  // Development fallbacks written in the code.
  const envSource = readFileSync(path.join(root, "lib", "env.ts"), "utf8");
  const devAuthSecret = /authSecret: value\.AUTH_SECRET \?\? "([^"]+)"/.exec(envSource)?.[1];
  if (!devAuthSecret) throw new Error("lib/env.ts no longer has the development AUTH_SECRET fallback this scan looks for: update the spec.");
  secrets.set("development AUTH_SECRET (lib/env.ts)", devAuthSecret);
  secrets.set("embedded PostgreSQL password (lib/db/embedded.ts)", EMBEDDED_PASSWORD);
  return secrets;
}

const KEY_SHAPES: [string, RegExp][] = [
  ["Stripe secret key", /\b[sr]k_(?:live|test)_[A-Za-z0-9]{6,}/],
  ["Stripe webhook secret", /\bwhsec_[A-Za-z0-9_]{6,}/],
  ["Resend API key", /\bre_[A-Za-z0-9]{8,}_[A-Za-z0-9]{16,}/],
  ["database URL with a password", /\bpostgres(?:ql)?:\/\/[^\s:/"'`@]+:[^\s@"'`/]+@/],
];

/** Strings found only in server modules. */
const SERVER_ONLY_MARKERS = [
  "Invalid environment configuration", // lib/env.ts
  "DATABASE_URL is not set", // lib/db/create-client.ts
  "AUTH_SECRET must be set in production", // lib/env.ts
  "@prisma/adapter-pg",
  "PrismaClientKnownRequestError",
];

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** Every file the build serves to browsers. */
function browserFacingFiles(): string[] {
  const files = [...walk(path.join(buildDir, "static"))];
  for (const dir of ["server/app", "server/pages"].map((d) => path.join(buildDir, d))) {
    if (!existsSync(dir)) continue;
    files.push(...[...walk(dir)].filter((file) => /\.(html|rsc|body|meta)$/.test(file)));
  }
  return files;
}

type Finding = { file: string; what: string };

function scan(name: string, text: string, secrets: Map<string, string>): Finding[] {
  const findings: Finding[] = [];
  for (const [what, value] of secrets) if (text.includes(value)) findings.push({ file: name, what: `value of ${what}` });
  for (const [what, shape] of KEY_SHAPES) {
    const match = shape.exec(text);
    if (match) findings.push({ file: name, what: `${what}: "${match[0].slice(0, 24)}…"` });
  }
  for (const marker of SERVER_ONLY_MARKERS) if (text.includes(marker)) findings.push({ file: name, what: `server-only code ("${marker}")` });
  return findings;
}

test.describe("secrets in the build", () => {
  test("the scanner finds each kind of leak it looks for (so a clean result means something)", () => {
    const secrets = new Map([["AUTH_SECRET", "a-made-up-secret-value-1234"]]);
    const planted = [
      'var a="a-made-up-secret-value-1234"',
      'fetch("x",{headers:{authorization:"Bearer sk_live_51Habc123XYZ"}})',
      'const w="whsec_abcdef123456"',
      'const r="re_12345678_abcdefghijklmnop1234"',
      'const u="postgresql://postgres:hunter2@db:5432/app"',
      'throw Error("Invalid environment configuration:\\n")',
    ];
    expect(planted.map((text) => scan("planted.js", text, secrets).length)).toEqual([1, 1, 1, 1, 1, 1]);
    // And ordinary bundle text is not flagged.
    expect(scan("ok.js", 'const share="re_render";const u="https://checkout.stripe.com/";var sk_test=1', secrets)).toEqual([]);
  });

  test("nothing served to browsers contains a secret value, a key, a database password or server-only code", async ({}, testInfo) => {
    expect(existsSync(path.join(buildDir, "BUILD_ID")), "run `next build` first (scripts/test-all.ts does)").toBe(true);
    const configured = playwrightConfig.webServer;
    const webServerEnvs = (Array.isArray(configured) ? configured : configured ? [configured] : []).map((server) => server.env ?? {});
    const secrets = knownSecrets(webServerEnvs);
    // The e2e server's secrets (playwright.config.ts) are among those looked for.
    expect([...secrets.keys()]).toEqual(expect.arrayContaining(["AUTH_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "development AUTH_SECRET (lib/env.ts)"]));

    const files = browserFacingFiles();
    const scripts = files.filter((file) => file.endsWith(".js"));
    // A real build: client chunks were found and read.
    expect(scripts.length).toBeGreaterThan(20);
    let bytes = 0;
    const findings: Finding[] = [];
    for (const file of files) {
      if (statSync(file).size > 20 * 1024 * 1024) continue;
      const text = readFileSync(file, "latin1");
      bytes += text.length;
      findings.push(...scan(path.relative(root, file), text, secrets));
    }
    expect(bytes).toBeGreaterThan(500_000);
    testInfo.annotations.push({ type: "scanned", description: `${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${secrets.size} secret values, ${KEY_SHAPES.length} key shapes, ${SERVER_ONLY_MARKERS.length} server-only markers` });
    console.log(`[build-secrets] scanned ${files.length} files (${(bytes / 1024 / 1024).toFixed(1)} MB) for ${secrets.size} secret values (${[...secrets.keys()].join(", ")}), ${KEY_SHAPES.length} key shapes and ${SERVER_ONLY_MARKERS.length} server-only markers`);
    expect(findings).toEqual([]);
  });
});
