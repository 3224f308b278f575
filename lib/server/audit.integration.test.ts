import pg from "pg";
import { describe, expect, it } from "vitest";
import { newTeam } from "@/scripts/test-support/fixtures";
import { recordAudit, recordAuditAlone } from "./audit";
import { verifyAuditChain } from "./audit-verify";
import { db } from "./db";

const ctx = { ip: "203.0.113.9", userAgent: "vitest", requestId: "req-1" };

async function superuserQuery(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

describe("audit trail", () => {
  it("links each event to the previous one of its team and verifies", async () => {
    const t = await newTeam("chain");
    for (let i = 0; i < 5; i++) {
      await recordAuditAlone({ action: "template.create", actor: { id: t.owner.id, email: t.owner.email }, teamId: t.teamId, target: { type: "template", id: `t${i}`, name: `app-${i}` }, context: ctx });
    }
    const events = await db().auditEvent.findMany({ where: { chainKey: t.teamId }, orderBy: { id: "asc" } });
    expect(events.length).toBe(6); // team.create + 5
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(events[1]).toMatchObject({ ip: "203.0.113.9", userAgent: "vitest", requestId: "req-1", result: "success", targetName: "app-0" });
    expect(await verifyAuditChain(t.teamId)).toMatchObject({ ok: true, checked: 6 });
  });

  it("keeps the chain intact under concurrent writers", async () => {
    const t = await newTeam("concurrent");
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordAuditAlone({ action: "deploy.plan", actor: { id: t.owner.id, email: t.owner.email }, teamId: t.teamId, target: { type: "app", id: `a${i}` }, context: ctx })),
    );
    expect(await verifyAuditChain(t.teamId)).toMatchObject({ ok: true, checked: 21 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE, even for the table's owner", async () => {
    const t = await newTeam("immutable");
    const id = await recordAuditAlone({ action: "template.create", teamId: t.teamId, context: ctx });
    await expect(superuserQuery(`UPDATE "AuditEvent" SET "action" = 'x' WHERE id = $1`, [id.toString()])).rejects.toThrow(/append-only/);
    await expect(superuserQuery(`DELETE FROM "AuditEvent" WHERE id = $1`, [id.toString()])).rejects.toThrow(/append-only/);
    await expect(superuserQuery(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.update({ where: { id }, data: { reason: "edited" } })).rejects.toThrow();
  });

  it("names the first altered event when a superuser edits a row behind the trigger's back", async () => {
    const t = await newTeam("tamper");
    const ids: bigint[] = [];
    for (let i = 0; i < 4; i++) ids.push(await recordAuditAlone({ action: "deploy.apply", teamId: t.teamId, target: { type: "deployment", id: `d${i}` }, context: ctx }));
    await superuserQuery(`
      BEGIN;
      SET LOCAL session_replication_role = replica; -- disables ordinary triggers for this transaction
      UPDATE "AuditEvent" SET "targetName" = 'forged' WHERE id = ${ids[2]};
      COMMIT;`);
    const result = await verifyAuditChain(t.teamId);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.id).toBe(ids[2].toString());
    expect(result.firstBad?.reason).toMatch(/altered/);
  });

  it("names the event after a deleted one", async () => {
    const t = await newTeam("deleted");
    const ids: bigint[] = [];
    for (let i = 0; i < 3; i++) ids.push(await recordAuditAlone({ action: "deploy.apply", teamId: t.teamId, context: ctx }));
    await superuserQuery(`BEGIN; SET LOCAL session_replication_role = replica; DELETE FROM "AuditEvent" WHERE id = ${ids[1]}; COMMIT;`);
    const result = await verifyAuditChain(t.teamId);
    expect(result.firstBad?.id).toBe(ids[2].toString());
    expect(result.firstBad?.reason).toMatch(/removed/);
  });

  it("rolls back with the change it records, and never stores secrets", async () => {
    const t = await newTeam("rollback");
    await expect(
      db().$transaction(async (tx) => {
        await recordAudit(tx, { action: "cluster.register", teamId: t.teamId, context: ctx, summary: { kubeconfig: "apiVersion: v1…", nested: { token: "abc", name: "ok" } } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().auditEvent.count({ where: { chainKey: t.teamId, action: "cluster.register" } })).toBe(0);

    await recordAuditAlone({ action: "cluster.register", teamId: t.teamId, context: ctx, summary: { kubeconfig: "apiVersion: v1…", nested: { token: "abc", name: "ok" } } });
    const stored = await db().auditEvent.findFirstOrThrow({ where: { chainKey: t.teamId, action: "cluster.register" } });
    expect(stored.summary).toEqual({ kubeconfig: "[redacted]", nested: { token: "[redacted]", name: "ok" } });
  });
});
