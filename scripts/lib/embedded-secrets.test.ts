import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeActionKey } from "../../lib/config/env-schema";
import { loadOrCreateSecrets } from "./embedded-secrets";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "berth-secrets-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe("loadOrCreateSecrets", () => {
  it("generates strong secrets once, in a file only the owner can read, and reuses them", () => {
    const first = loadOrCreateSecrets(dataDir, {});
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(64);
    expect(first.BERTH_ENCRYPTION_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(decodeActionKey(first.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY)).toHaveLength(32);
    const file = path.join(dataDir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecrets(dataDir, {})).toEqual(first);
  });

  it("lets the environment win without writing its values to the file", () => {
    const result = loadOrCreateSecrets(dataDir, { AUTH_SECRET: "from-env".repeat(5) });
    expect(result.AUTH_SECRET).toBe("from-env".repeat(5));
    const stored = JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
    expect(stored).toEqual({ BERTH_ENCRYPTION_KEY: result.BERTH_ENCRYPTION_KEY, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: result.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY });
  });
});
