import "server-only";
import { createPrismaClient, type Db } from "./create-client";

/**
 * The app's Prisma client: one per server process (kept on globalThis so dev hot reloads reuse the
 * pool), created on first use so `next build` never needs a database.
 */
const globalForDb = globalThis as unknown as { goldenThreadDb?: Db };

function getClient(): Db {
  return (globalForDb.goldenThreadDb ??= createPrismaClient());
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getClient();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
