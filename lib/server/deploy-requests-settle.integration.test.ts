import { describe, expect, it } from "vitest";
import { newTeam } from "@/scripts/test-support/fixtures";
import { registerCluster } from "./clusters";
import { db } from "./db";
import { settleInterruptedRequests, SETTLE_AFTER_MS } from "./deploy-requests";

// An instance that stops after a request got its approvals and before its outcome is written
// leaves the request `applying`. The background tick settles it from its deployment record, or
// fails it when no record was written — never while the record is still in progress.
// (The rows are made by hand: they stand for what a crashed instance left behind.)
describe("settling requests an instance left applying", () => {
  it("takes the record's outcome, waits for a record in progress, fails one with no record", async () => {
    const t = await newTeam("settle");
    const clusterId = await registerCluster(t.ctx, { name: "prod", description: "", profile: "generic" });
    const now = new Date();
    const approvedAt = new Date(now.getTime() - SETTLE_AFTER_MS - 60_000);
    const request = (app: string, decidedAt = approvedAt) =>
      db().deployRequest.create({
        data: { teamId: t.teamId, kind: "deploy", status: "applying", clusterId, namespace: "shop", appName: app, requesterId: t.owner.id, manifest: "", plan: {}, planDigest: "d", liveDigest: "d", approvalsRequired: 1, expiresAt: now, decidedAt },
      });
    const record = (requestId: string, status: "applied" | "failed" | "applying", app: string) =>
      db().deployment.create({ data: { teamId: t.teamId, clusterId, actorId: t.owner.id, appName: app, namespace: "shop", status, manifest: "", message: `record ${status}`, requestId } });
    const applied = await request("a");
    const appliedRecord = await record(applied.id, "applied", "a");
    const failed = await request("b");
    await record(failed.id, "failed", "b");
    const running = await request("c");
    await record(running.id, "applying", "c");
    const orphan = await request("d");
    const recent = await request("e", now);

    expect(await settleInterruptedRequests(now)).toBe(3);
    const status = async (id: string) => (await db().deployRequest.findUniqueOrThrow({ where: { id } }));
    expect(await status(applied.id)).toMatchObject({ status: "applied", deploymentId: appliedRecord.id, message: "record applied" });
    expect(await status(failed.id)).toMatchObject({ status: "failed", message: "record failed" });
    expect(await status(running.id)).toMatchObject({ status: "applying" });
    expect(await status(orphan.id)).toMatchObject({ status: "failed", deploymentId: null });
    expect((await status(orphan.id)).message).toMatch(/^Interrupted: .*Nothing was applied/);
    expect(await status(recent.id)).toMatchObject({ status: "applying" });
    // A second tick (another instance) finds nothing left to do.
    expect(await settleInterruptedRequests(now)).toBe(0);
  });
});
