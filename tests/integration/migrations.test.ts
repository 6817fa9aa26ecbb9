import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema, migrationStatus } from "@/lib/db/migrations";

const url = process.env.DATABASE_URL!;

describe("migrations", () => {
  it("schema.prisma and prisma/migrations do not drift (run npm run db:migrate:dev -- <name> when this fails)", async () => {
    expect(await diffMigrationsToSchema(url)).toBe("");
  });

  it("the drift check notices a schema change that has no migration", async () => {
    const schema = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8").replace(
      "model WebhookEvent {",
      "model WebhookEvent {\n  driftProbe String?",
    );
    expect(await diffMigrationsToSchema(url, schema)).toMatch(/ADD COLUMN\s+"driftProbe"/);
  });

  it("every migration is applied to a fresh test database, none failed or edited", async () => {
    const status = await migrationStatus(url);
    expect(status).toMatchObject({ history: null, failedMigrationNames: [], editedMigrationNames: [], hasMigrationsTable: true });
  });
});
