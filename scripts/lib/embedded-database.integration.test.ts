import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { afterEach, describe, expect, it } from "vitest";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "./embedded-database";

// Embedded mode on a shared machine: other local users must not reach the database (no loopback
// TCP port anyone can connect to without a password) nor read the data folder or the secrets.
let root: string;
let opened: EmbeddedDatabase | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
});

const mode = (p: string) => statSync(p).mode & 0o777;

async function selectOne(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("SELECT 1 AS one")).rows[0].one;
  } finally {
    await client.end();
  }
}

describe("embedded database", () => {
  it("creates the data folder 0700 and secrets.json 0600, and serves on a private Unix socket only", async () => {
    root = mkdtempSync(path.join(tmpdir(), "berth-embedded-"));
    const dataDir = path.join(root, "data");
    opened = await openEmbeddedDatabase(dataDir, {} as NodeJS.ProcessEnv);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, "secrets.json"))).toBe(0o600);

    const url = new URL(opened.env.DATABASE_URL);
    const socketDir = url.searchParams.get("host") ?? "";
    expect(url.hostname === "" || url.hostname === "localhost").toBe(true);
    expect(path.isAbsolute(socketDir)).toBe(true);
    expect(mode(socketDir)).toBe(0o700); // only this user can reach the socket inside it
    expect(statSync(path.join(socketDir, ".s.PGSQL.5432")).isSocket()).toBe(true);
    expect(await selectOne(opened.env.DATABASE_URL)).toBe(1);
    // the app's own driver adapter reads the socket folder from the URL too
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: opened.env.DATABASE_URL, max: 1 }) });
    try {
      expect(await prisma.$queryRawUnsafe<{ one: number }[]>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await prisma.$disconnect();
    }

    await opened.close();
    opened = undefined;
    expect(existsSync(socketDir)).toBe(false);
  });

  it("tightens the modes of an existing data folder and secrets file", async () => {
    root = mkdtempSync(path.join(tmpdir(), "berth-embedded-"));
    const dataDir = path.join(root, "data");
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, "secrets.json"), JSON.stringify({ BERTH_ENCRYPTION_KEY: "ab".repeat(32), AUTH_SECRET: "s".repeat(48) }), { mode: 0o644 });
    chmodSync(path.join(dataDir, "secrets.json"), 0o644);
    opened = await openEmbeddedDatabase(dataDir, {} as NodeJS.ProcessEnv);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, "secrets.json"))).toBe(0o600);
    expect(opened.env.BERTH_ENCRYPTION_KEY).toBe("ab".repeat(32));
    // a folder from before the server-action key existed gets one, kept next to the others
    expect(Buffer.from(opened.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBe(opened.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY);
  });
});
