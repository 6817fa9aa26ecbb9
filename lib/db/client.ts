import "server-only";
import { createPrismaClient, type Db } from "./create-client";

/**
 * The app's Prisma client. One per server process (kept on globalThis so dev hot reloads reuse the
 * pool). The database URL comes from lib/env.ts; scripts and tests create their own clients.
 */
const globalForDb = globalThis as unknown as { goldenThreadDb?: Db };

export const db: Db = (globalForDb.goldenThreadDb ??= createPrismaClient());
