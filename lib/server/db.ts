import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One client per process (Next's dev server reloads modules, hence the global).
const globalForDb = globalThis as unknown as { berthDb?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForDb.berthDb) {
    const { DATABASE_URL, BERTH_DB_POOL_MAX } = env();
    const adapter = new PrismaPg({ connectionString: DATABASE_URL, max: BERTH_DB_POOL_MAX });
    globalForDb.berthDb = new PrismaClient({ adapter });
  }
  return globalForDb.berthDb;
}
