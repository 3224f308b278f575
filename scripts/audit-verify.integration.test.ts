import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { recordAuditAlone } from "@/lib/server/audit";
import { verifyAuditChain } from "@/lib/server/audit-verify";
import { db } from "@/lib/server/db";
import { auditEventsFor, newTeam } from "@/scripts/test-support/fixtures";

// The command as an operator runs it: a separate process, plain tsx, DATABASE_URL only.
const root = path.resolve(__dirname, "..");

function runVerify(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/audit-verify.ts", ...args],
      { cwd: root, env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", DATABASE_URL: process.env.DATABASE_URL ?? "" }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

async function tamper(sql: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`BEGIN; SET LOCAL session_replication_role = replica; ${sql}; COMMIT;`);
  } finally {
    await client.end();
  }
}

describe("npm run audit:verify", () => {
  it("passes an intact chain, then names the altered event and exits 1", async () => {
    const t = await newTeam("cli");
    const ids: bigint[] = [];
    for (let i = 0; i < 3; i++) ids.push(await recordAuditAlone({ action: "deploy.apply", teamId: t.teamId, context: { ip: "", userAgent: "cli", requestId: `r${i}` } }));

    const good = await runVerify(["--team", t.teamId]);
    expect(good.stdout).toContain(`ok      ${t.teamId}  4 events`);
    expect(good.code).toBe(0);
    // the check is recorded at the end of the chain it checked
    const [recorded] = await auditEventsFor(t.teamId, "audit.verify");
    expect(recorded).toMatchObject({ actorId: null, userAgent: "berth audit:verify", result: "success", summary: { checked: 4, ok: true, firstBadId: null } });
    expect(await verifyAuditChain(t.teamId)).toMatchObject({ ok: true, checked: 5 });

    await tamper(`UPDATE "AuditEvent" SET "reason" = 'rewritten' WHERE id = ${ids[1]}`);
    const bad = await runVerify(["--team", t.teamId]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`BROKEN  ${t.teamId}  first bad event ${ids[1]} (deploy.apply`);
    expect(bad.stdout).toMatch(/altered\); 2 events before it are intact/);
    const verifies = await auditEventsFor(t.teamId, "audit.verify");
    expect(verifies[1]).toMatchObject({ result: "failure", summary: { ok: false, firstBadId: ids[1].toString() } });

    // every chain: this one is reported among the rest, and the exit code says so
    const all = await runVerify([]);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(`first bad event ${ids[1]}`);
    expect(all.stdout).toMatch(/^\d+ of \d+ chains BROKEN$/m);
  });

  it("exits 2 on a usage error or an unknown team, and --no-record records nothing", async () => {
    const r = await runVerify(["--tea"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Usage: npm run audit:verify");
    const unknown = await runVerify(["--team", "no-such-team"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("No audit events for team no-such-team");

    const t = await newTeam("quiet");
    const quiet = await runVerify(["--no-record", "--team", t.teamId]);
    expect(quiet.code).toBe(0);
    expect(await auditEventsFor(t.teamId, "audit.verify")).toEqual([]);
  });

  it("--anchor FILE records each chain's head and detects a deleted head on the next run", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "berth-anchor-"));
    try {
      const anchor = path.join(dir, "anchor.json");
      const t = await newTeam("anchor");
      const other = await newTeam("anchor-other");
      for (let i = 0; i < 3; i++) await recordAuditAlone({ action: "deploy.apply", teamId: t.teamId, context: { ip: "", userAgent: "cli", requestId: `a${i}` } });

      const first = await runVerify(["--team", t.teamId, "--anchor", anchor]);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/anchor .*recorded/i);
      const saved = JSON.parse(readFileSync(anchor, "utf8"));
      const head = (await db().auditEvent.findFirstOrThrow({ where: { chainKey: t.teamId }, orderBy: { id: "desc" } }));
      // the head after this run's own audit.verify event, so deleting that one is caught as well
      expect(head.action).toBe("audit.verify");
      expect(saved.chains[t.teamId]).toMatchObject({ id: head.id.toString(), hash: head.hash });

      // more events since: still fine, and the anchor moves forward; another team joins the file
      await recordAuditAlone({ action: "deploy.apply", teamId: t.teamId, context: { ip: "", userAgent: "cli", requestId: "later" } });
      expect((await runVerify(["--team", t.teamId, "--anchor", anchor])).code).toBe(0);
      expect((await runVerify(["--team", other.teamId, "--anchor", anchor])).code).toBe(0);
      const moved = JSON.parse(readFileSync(anchor, "utf8"));
      expect(BigInt(moved.chains[t.teamId].id)).toBeGreaterThan(head.id);
      expect(Object.keys(moved.chains)).toEqual(expect.arrayContaining([t.teamId, other.teamId]));

      // delete the newest events (the chain itself still links up: only the anchor can tell)
      await tamper(`DELETE FROM "AuditEvent" WHERE "chainKey" = '${t.teamId}' AND id >= ${head.id}`);
      expect(await verifyAuditChain(t.teamId)).toMatchObject({ ok: true });
      const cut = await runVerify(["--team", t.teamId, "--anchor", anchor]);
      expect(cut.code).toBe(1);
      expect(cut.stdout).toContain(`BROKEN  ${t.teamId}`);
      expect(cut.stdout).toMatch(new RegExp(`anchored head event ${moved.chains[t.teamId].id} .*is missing`));
      // a broken chain does not move the anchor: the evidence stays
      expect(JSON.parse(readFileSync(anchor, "utf8")).chains[t.teamId]).toEqual(moved.chains[t.teamId]);

      // every chain at once reads the same file
      const all = await runVerify(["--anchor", anchor, "--no-record"]);
      expect(all.code).toBe(1);
      expect(all.stdout).toContain(`ok      ${other.teamId}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
