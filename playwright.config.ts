import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests in real Chromium against `next start` on a fresh, seeded database (gt_e2e).
 * Playwright starts the web server before globalSetup, so the server command itself migrates and
 * seeds (scripts/serve.ts --fresh). Debian's chromium is used when Playwright's own browser is absent.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const stripePort = port + 99;
const stripeEnv = { STRIPE_SECRET_KEY: "sk_test_e2e", STRIPE_WEBHOOK_SECRET: "whsec_e2e_golden_thread", STRIPE_API_URL: `http://127.0.0.1:${stripePort}` };
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, testIgnore: /mobile\.spec\.ts/ },
    { name: "mobile", use: { ...devices["Pixel 7"] }, testMatch: /mobile\.spec\.ts/ },
  ],
  webServer: [
    {
      // A stand-in for Stripe's network edge (the app still uses the real SDK): see the file.
      command: `tsx tests/e2e/support/fake-stripe-server.ts --port ${stripePort}`,
      url: `http://127.0.0.1:${stripePort}/health`,
      reuseExistingServer: false,
      env: { APP_URL: `http://127.0.0.1:${port}`, STRIPE_WEBHOOK_SECRET: stripeEnv.STRIPE_WEBHOOK_SECRET },
    },
    {
      command: `tsx scripts/serve.ts start --port ${port} --database gt_e2e --fresh`,
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { DEMO_MODE: "true", APP_URL: `http://127.0.0.1:${port}`, AUTH_URL: `http://127.0.0.1:${port}`, NODE_ENV: "production", AUTH_SECRET: "e2e-secret-at-least-16-characters", ...stripeEnv },
    },
  ],
});
