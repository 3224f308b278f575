import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { recordAuditAlone } from "./audit";
import { verifyAuditChain } from "./audit-verify";

// Every one of the 19 hashed fields is covered by the hash: altering any of them in the database
// (behind the append-only trigger's back, as a superuser could) makes verify name that event.
const context = { ip: "198.51.100.7", userAgent: "vitest pin", requestId: "req-pin" };

async function superuser(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica"); // disables the append-only trigger
    await client.query(sql, params);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

async function chainOfThree(teamId: string): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push(
      await recordAuditAlone({
        action: "deploy.apply",
        actor: { id: `actor-${i}`, email: `actor${i}@it.test` },
        teamId,
        target: { type: "deployment", id: `dep-${i}`, name: `web-${i}` },
        cluster: { id: `cluster-${i}`, name: `prod-${i}` },
        namespace: `ns-${i}`,
        summary: { step: i, objects: ["StatefulSet/web"] },
        result: "success",
        reason: `reason ${i}`,
        context,
      }),
    );
  }
  return ids;
}

// column → the SQL that alters it
const ALTER: Record<string, string> = {
  teamId: `"teamId" = 'another-team'`,
  actorId: `"actorId" = 'someone-else'`,
  actorEmail: `"actorEmail" = 'forged@it.test'`,
  action: `"action" = 'template.create'`,
  targetType: `"targetType" = 'template'`,
  targetId: `"targetId" = 'forged'`,
  targetName: `"targetName" = 'forged'`,
  clusterId: `"clusterId" = 'another-cluster'`,
  clusterName: `"clusterName" = 'forged'`,
  namespace: `"namespace" = 'forged'`,
  summary: `"summary" = '{"step": 1, "objects": ["StatefulSet/other"]}'::jsonb`,
  result: `"result" = 'failure'`,
  reason: `"reason" = 'forged'`,
  ip: `"ip" = '192.0.2.1'`,
  userAgent: `"userAgent" = 'forged'`,
  requestId: `"requestId" = 'forged'`,
  createdAt: `"createdAt" = "createdAt" + interval '1 millisecond'`,
  prevHash: `"prevHash" = '${"1".repeat(64)}'`,
};

describe("the audit hash covers every content field", () => {
  it.each(Object.keys(ALTER))("altering %s in the database makes verify name the event", async (field) => {
    const teamId = `pin-${field}-${randomUUID()}`;
    const ids = await chainOfThree(teamId);
    expect(await verifyAuditChain(teamId)).toMatchObject({ ok: true, checked: 3 });
    await superuser(`UPDATE "AuditEvent" SET ${ALTER[field]} WHERE id = $1`, [ids[1].toString()]);
    const result = await verifyAuditChain(teamId);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.id).toBe(ids[1].toString());
    expect(result.firstBad?.reason).toMatch(field === "prevHash" ? /removed or reordered/ : /altered/);
  });

  it("altering chainKey (moving an event to another chain) makes verify name it there", async () => {
    const teamId = `pin-chainKey-${randomUUID()}`;
    const ids = await chainOfThree(teamId);
    const moved = `pin-moved-${randomUUID()}`;
    // the first event links to the genesis hash, so on its own in a new chain only its hash can tell
    await superuser(`UPDATE "AuditEvent" SET "chainKey" = $2 WHERE id = $1`, [ids[0].toString(), moved]);
    const result = await verifyAuditChain(moved);
    expect(result).toMatchObject({ ok: false, firstBad: { id: ids[0].toString(), reason: expect.stringMatching(/altered/) } });
  });

  it("covers all 19 fields (18 altered above + chainKey)", () => {
    expect(Object.keys(ALTER).length + 1).toBe(19);
  });
});
