import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { withoutNulCharacters } from "./without-nul";

export type Db = PrismaClient;
/** A client or an interactive-transaction client: what use cases accept. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Creates a Prisma client on the driver adapter (no native engine). */
export function createPrismaClient(url = process.env.DATABASE_URL, options: { max?: number } = {}): PrismaClient {
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm run dev` (which starts the embedded database) or set DATABASE_URL.",
    );
  }
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10 });
  // PostgreSQL text cannot hold U+0000 (see without-nul.ts): model queries never send it.
  const client = new PrismaClient({ adapter }).$extends({
    name: "without-nul-characters",
    query: { $allModels: { $allOperations: ({ args, query }) => query(withoutNulCharacters(args)) } },
  });
  // The extension changes no types (only values), so the client keeps PrismaClient's type.
  return client as unknown as PrismaClient;
}
