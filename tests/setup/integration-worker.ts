/**
 * Runs before each integration test file: a fresh copy of the migrated template database, named
 * for this run and file, becomes DATABASE_URL before any app module is imported.
 */
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { recreateDatabase, withDatabase } from "../../lib/db/embedded";

const adminUrl = inject("adminDatabaseUrl");
const template = inject("templateDatabase");
const runId = template.replace("gt_test_template_", "");
const database = `gt_test_${runId}_${randomUUID().replaceAll("-", "").slice(0, 16)}`;

await recreateDatabase(adminUrl, database, template);
process.env.DATABASE_URL = withDatabase(adminUrl, database);
