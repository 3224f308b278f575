import { inject } from "vitest";

// Runs in each integration worker before its test file: the database of this worker's own
// project (provided by that project's global setup), whatever another project's setup wrote
// into the main process's environment.
declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** BERTH_DB_POOL_MAX for this project ("" = the default). */
    dbPoolMax: string;
  }
}

process.env.DATABASE_URL = inject("databaseUrl");
const poolMax = inject("dbPoolMax");
if (poolMax) process.env.BERTH_DB_POOL_MAX = poolMax;
else delete process.env.BERTH_DB_POOL_MAX;
