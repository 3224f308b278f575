// The launcher behind `npm start` (via scripts/start.sh) and `npm run dev` (--dev).
// Without DATABASE_URL it owns the embedded PGlite database; either way it applies pending
// migrations, then runs Next as a child and stays in charge of shutting everything down.
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { parseEnv } from "../lib/config/env-schema";
import { applyMigrations } from "../prisma/tools/apply-migrations";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "./lib/embedded-database";
import { startNext } from "./lib/next-process";
import { waitForPort } from "./lib/wait-for-port";

const root = path.resolve(__dirname, "..");
const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const dataDir = path.resolve(root, process.env.BERTH_DATA_DIR ?? "data");

let embedded: EmbeddedDatabase | undefined;
let child: ChildProcess | undefined;
let stopping = false;
let stopRequested = false;
const childRunning = () => child !== undefined && child.exitCode === null && child.signalCode === null;

async function shutdown(code: number): Promise<never> {
  stopping = true;
  await embedded?.close().catch((error) => console.error("Closing the embedded database failed:", error));
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    stopRequested = true;
    if (childRunning()) child!.kill(signal); // its exit then shuts us down
    else void shutdown(0);
  });
}
// Last resort (uncaught error): do not leave Next running without us.
process.on("exit", () => {
  if (childRunning()) child!.kill("SIGTERM");
});

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (!env.DATABASE_URL) {
    embedded = await openEmbeddedDatabase(dataDir, env);
    Object.assign(env, embedded.env);
    const shown = path.relative(root, dataDir);
    console.log(`Embedded database: ${path.join(shown.startsWith("..") ? dataDir : shown, "pglite")}`);
  }
  parseEnv(env); // a bad configuration stops here, before anything is migrated or started
  await applyMigrations({ connectionString: env.DATABASE_URL!, migrationsDir: path.join(root, "prisma/migrations") });
  if (stopping) return;

  child = startNext({ dev, port, env });
  // Killed by a signal we forwarded = an orderly stop.
  child.on("exit", (code, signal) => void shutdown(code ?? (signal && stopRequested ? 0 : 1)));
  if (await waitForPort(Number(port), 120_000, () => stopping)) {
    console.log(`\nBerth is running at http://localhost:${port}\n`);
  }
}

/** Our refusals (named errors) and connection errors (with a code) need no stack trace. */
function describe(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name !== "Error") return error.message;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `Berth cannot start: ${error.message} (${code})` : error;
}

main().catch((error: unknown) => {
  console.error(describe(error));
  void shutdown(1);
});
