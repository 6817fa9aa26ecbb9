/**
 * The one way scripts find their database: DATABASE_URL when set (a real server always wins),
 * otherwise the embedded cluster, started on demand, with the named database created if missing.
 */
import { type EmbeddedCluster, ensureDatabase, startEmbeddedCluster } from "./embedded";

export const DEV_DATABASE = "golden_thread";

export type ResolvedDatabase = { url: string; cluster: EmbeddedCluster | null };

export async function resolveDatabase(database = DEV_DATABASE): Promise<ResolvedDatabase> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, cluster: null };
  const cluster = await startEmbeddedCluster();
  await ensureDatabase(cluster.urlFor("postgres"), database);
  return { url: cluster.urlFor(database), cluster };
}
