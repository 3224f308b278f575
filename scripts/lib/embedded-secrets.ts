// Secrets for the embedded default only: generated once per data folder and kept in
// <data>/secrets.json (mode 0600), so sessions and encrypted kubeconfigs survive restarts.
// Values already set in the environment win and are never written to the file.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

const GENERATORS = {
  AUTH_SECRET: () => randomBytes(48).toString("base64url"),
  BERTH_ENCRYPTION_KEY: () => randomBytes(32).toString("hex"), // AES-256 key
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: () => randomBytes(32).toString("base64"), // Next's AES-256 key for server actions
} as const;

export type EmbeddedSecrets = Record<keyof typeof GENERATORS, string>;

export function loadOrCreateSecrets(dataDir: string, env: Record<string, string | undefined>): EmbeddedSecrets {
  const file = path.join(dataDir, "secrets.json");
  const stored: Partial<EmbeddedSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const result = {} as EmbeddedSecrets;
  let changed = false;
  for (const [name, generate] of Object.entries(GENERATORS) as [keyof EmbeddedSecrets, () => string][]) {
    if (env[name]) {
      result[name] = env[name]!;
    } else {
      if (!stored[name]) {
        stored[name] = generate();
        changed = true;
      }
      result[name] = stored[name]!;
    }
  }
  if (changed) {
    const tmp = `${file}.${process.pid}.tmp`; // write-then-rename: never a half-written secrets file
    writeFileSync(tmp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  }
  if (existsSync(file)) chmodSync(file, 0o600);
  return result;
}
