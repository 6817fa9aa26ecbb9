/**
 * `prisma generate` without network access. The Prisma CLI tries to download its native schema
 * engine before every command; pointing PRISMA_SCHEMA_ENGINE_BINARY at a stub that exits non-zero
 * lets `generate` (which needs no engine) run. The stub must fail: a stub that exits 0 would make
 * `db push` or `migrate deploy` report success while doing nothing. Migrations use scripts/migrate.ts.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const stubDir = path.join(root, "node_modules", ".cache", "golden-thread");
const stub = path.join(stubDir, "schema-engine-unavailable");
mkdirSync(stubDir, { recursive: true });
writeFileSync(
  stub,
  '#!/bin/sh\necho "The native Prisma schema engine is not installed; use npm run db:migrate." >&2\nexit 1\n',
);
chmodSync(stub, 0o755);

const result = spawnSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "generate"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
