/**
 * The one way scripts find their database: DATABASE_URL when set (a real server always wins),
 * otherwise the embedded cluster, started on demand. Asking for a named database creates it if
 * missing — on the configured server too, so `--database gt_e2e` never touches DATABASE_URL's own database.
 */
import { type EmbeddedCluster, ensureDatabase, startEmbeddedCluster, withDatabase } from "./embedded";

export const DEV_DATABASE = "golden_thread";

export type ResolvedDatabase = { url: string; cluster: EmbeddedCluster | null };

export async function resolveDatabase(database?: string): Promise<ResolvedDatabase> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    if (!database) return { url: configured, cluster: null };
    await ensureDatabase(withDatabase(configured, "postgres"), database);
    return { url: withDatabase(configured, database), cluster: null };
  }
  const cluster = await startEmbeddedCluster();
  const name = database ?? DEV_DATABASE;
  await ensureDatabase(cluster.urlFor("postgres"), name);
  return { url: cluster.urlFor(name), cluster };
}
