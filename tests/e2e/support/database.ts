import pg from "pg";

/** The e2e server's database (scripts/serve.ts --database gt_e2e), reached directly for setup and assertions. */
export function e2eDatabaseUrl(): string {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const url = new URL(configured);
    url.pathname = "/gt_e2e";
    return url.toString();
  }
  return `postgresql://postgres:golden-thread-dev@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/gt_e2e`;
}

export async function withDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
