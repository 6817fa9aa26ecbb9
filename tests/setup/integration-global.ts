/**
 * Integration tests run on real PostgreSQL, never on the dev data: a template database is created
 * and migrated once per run, and each test file gets its own copy (integration-worker.ts).
 * DATABASE_URL, when set, names the server to use (its database itself is left alone).
 */
import type { TestProject } from "vitest/node";
import { startEmbeddedCluster, recreateDatabase, withDatabase } from "../../lib/db/embedded";
import { deployMigrations } from "../../lib/db/migrations";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? process.env.DATABASE_URL;
  const cluster = serverUrl ? null : await startEmbeddedCluster({ quiet: true });
  const adminUrl = serverUrl ? withDatabase(serverUrl, "postgres") : cluster!.urlFor("postgres");
  const template = `gt_test_template_${process.pid}`;
  await recreateDatabase(adminUrl, template);
  await deployMigrations(withDatabase(adminUrl, template));
  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", template);
  return async () => {
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2",
      [`gt_test_${process.pid}_%`, template],
    );
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await client.end();
    await cluster?.stop();
  };
}
