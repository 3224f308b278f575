import { describe, expect, it } from "vitest";
import { defaultAppSpec } from "@/lib/manifests";
import { addMember, newTeam } from "@/scripts/test-support/fixtures";
import { authorize } from "./authz";
import { registerCluster } from "./clusters";
import { db } from "./db";
import { templatesRunningOn } from "./applications";
import { getDeployment, listDeployments, templateDeploymentCounts } from "./deployments-query";
import { reserveDeployment } from "./deployments-record";
import { createTemplate } from "./templates";

// Deployment records as people read them (issue 11): a number per team ("#12"), a record's own
// outcome apart from what is live, "superseded by #N", and what a template has live where.
// Records are written as finished deploys leave them: reading needs no cluster.

type Row = { kind?: "deploy" | "redeploy" | "undeploy"; status?: "applied" | "failed"; app?: string; namespace?: string; templateId?: string | null; replayOf?: string };

async function setup(prefix: string) {
  const t = await newTeam(prefix);
  const clusterId = await registerCluster(t.ctx, { name: "prod", description: "", profile: "generic" });
  const template = async (name: string, visibility: "team" | "private" = "team") =>
    (await createTemplate(t.ctx, { name, visibility, spec: defaultAppSpec("web") as unknown as Record<string, unknown>, parameters: [], message: "v1" })).id;
  let minute = 0;
  const record = async (r: Row) => {
    minute += 1;
    const version = r.templateId ? await db().templateVersion.findFirst({ where: { templateId: r.templateId }, select: { id: true } }) : null;
    const row = await db().deployment.create({
      data: {
        teamId: t.teamId, clusterId, actorId: t.owner.id, kind: r.kind ?? "deploy", status: r.status ?? "applied",
        appName: r.app ?? "web", namespace: r.namespace ?? "shop", manifest: "", templateId: r.templateId ?? null, templateVersionId: version?.id ?? null, replayOfId: r.replayOf ?? null,
        startedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
      },
    });
    return row.id;
  };
  return { ...t, clusterId, template, record };
}

describe("deployment records", () => {
  it("numbers records per team, without gaps or repeats under concurrent deploys, whatever inserts them", async () => {
    const a = await newTeam("numbers-a");
    const b = await newTeam("numbers-b");
    const clusterA = await registerCluster(a.ctx, { name: "c", description: "", profile: "generic" });
    const clusterB = await registerCluster(b.ctx, { name: "c", description: "", profile: "generic" });
    const [actorA, actorB] = await Promise.all([authorize(a.ctx, "deploy.run"), authorize(b.ctx, "deploy.run")]);
    const bundle = (app: string) => ({ appName: app, objects: [], manifest: "", templateId: null, templateVersionId: null, parameters: {} });
    const made = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => reserveDeployment(actorA, { cluster: { id: clusterA, name: "c" }, namespace: "ns" }, bundle(`app${i}`), { kind: "deploy" })),
      ...Array.from({ length: 3 }, (_, i) => reserveDeployment(actorB, { cluster: { id: clusterB, name: "c" }, namespace: "ns" }, bundle(`app${i}`), { kind: "deploy" })),
    ]);
    expect(made.slice(0, 6).map((r) => r.number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(made.slice(6).map((r) => r.number).sort((x, y) => x - y)).toEqual([1, 2, 3]);
    expect((await getDeployment(a.ctx, made[0].id)).number).toBe(made[0].number);
    // Any insert gets the next number (the trigger); an explicit one is kept and moves the counter on.
    const plain = { teamId: a.teamId, clusterId: clusterA, actorId: a.owner.id, appName: "x", namespace: "ns", manifest: "" };
    expect((await db().deployment.create({ data: plain })).number).toBe(7);
    expect((await db().deployment.create({ data: { ...plain, number: 20 } })).number).toBe(20);
    expect((await db().deployment.create({ data: plain })).number).toBe(21);
  });

  it("a record shows its own outcome: superseded by the next applied one, live only where it is live", async () => {
    const t = await setup("records");
    const tpl = await t.template("web");
    const first = await t.record({ templateId: tpl });
    const failed = await t.record({ templateId: tpl, status: "failed" });
    const second = await t.record({ kind: "redeploy", templateId: tpl, replayOf: first });
    const undeploy = await t.record({ kind: "undeploy", templateId: tpl, replayOf: second });

    const d1 = await getDeployment(t.ctx, first);
    expect(d1.supersededBy).toMatchObject({ id: second, number: 3, kind: "redeploy" });
    expect(d1.live).toBeNull(); // removed by the undeploy
    const d2 = await getDeployment(t.ctx, second);
    expect(d2.replayOf).toEqual({ id: first, number: 1 });
    expect(d2.supersededBy).toMatchObject({ id: undeploy, number: 4, kind: "undeploy" });
    expect((await getDeployment(t.ctx, failed)).supersededBy).toBeNull(); // a failed record replaced nothing and is not "superseded"

    // Deployed again: that record is the live one, the others say so.
    const third = await t.record({ templateId: tpl });
    expect((await getDeployment(t.ctx, third)).live?.id).toBe(third);
    expect((await getDeployment(t.ctx, first)).live).toMatchObject({ id: third, number: 5 });
    expect((await getDeployment(t.ctx, undeploy)).live?.id).toBe(third);

    const list = await listDeployments(t.ctx, { page: 1 });
    expect(list.items.filter((d) => d.live).map((d) => d.number)).toEqual([5]);
  });

  it("a template says where it runs, and what its history holds by outcome", async () => {
    const t = await setup("live-where");
    const web = await t.template("web");
    const other = await t.template("other");
    await t.record({ templateId: web, namespace: "shop" });
    await t.record({ templateId: web, namespace: "shop", status: "failed" });
    await t.record({ templateId: web, namespace: "staging" });
    await t.record({ templateId: web, namespace: "staging", kind: "undeploy" });
    await t.record({ templateId: web, namespace: "lab" });
    await t.record({ templateId: other, namespace: "lab" }); // another template took the same app name over
    const counts = await templateDeploymentCounts(t.ctx, [web, other]);
    expect(counts.get(web)).toEqual({ total: 5, applied: 3, failed: 1, undeploys: 1 });
    expect(counts.get(other)).toEqual({ total: 1, applied: 1, failed: 0, undeploys: 0 });
    const runs = await templatesRunningOn(t.ctx, [web, other]);
    expect(runs.get(web)?.map((a) => `${a.clusterName}/${a.namespace} v${a.version}`)).toEqual(["prod/shop v1"]);
    expect(runs.get(other)?.map((a) => a.namespace)).toEqual(["lab"]);
    // A member does not learn the history of the owner's private template; another team sees nothing.
    const secret = await t.template("secret", "private");
    await t.record({ templateId: secret, namespace: "vault" });
    expect((await templateDeploymentCounts(t.ctx, [secret])).get(secret)?.total).toBe(1);
    const member = await addMember(t.teamId, "member");
    expect((await templateDeploymentCounts(member.ctx, [secret])).get(secret)?.total).toBe(0);
    const stranger = await newTeam("live-where-other");
    expect((await templateDeploymentCounts(stranger.ctx, [web])).get(web)?.total).toBe(0);
  });

  it("the history and a record's page show each record's cluster, deployer, template, version and replay as the records point to them", async () => {
    // The relations are read in one joined statement (withRelations): checked here against Prisma's own relation reads.
    const t = await setup("relations");
    const shared = await t.template("shared");
    const secret = await t.template("secret", "private");
    const a = await t.record({ templateId: shared });
    const b = await t.record({ kind: "redeploy", templateId: shared, replayOf: a });
    await t.record({ templateId: secret, app: "vault" });
    await t.record({ templateId: null, app: "bare", status: "failed" });
    await t.record({ kind: "undeploy", templateId: shared, replayOf: b });
    const other = await registerCluster(t.ctx, { name: "gone", description: "", profile: "generic" });
    await db().deployment.create({ data: { teamId: t.teamId, clusterId: other, actorId: t.owner.id, appName: "old", namespace: "x", manifest: "" } });
    await db().cluster.update({ where: { id: other }, data: { removedAt: new Date() } });
    const member = await addMember(t.teamId, "member");
    const rows = await db().deployment.findMany({
      where: { teamId: t.teamId },
      include: { cluster: true, actor: true, template: true, templateVersion: true, replayOf: true },
    });
    for (const reader of [t, member]) {
      const list = await listDeployments(reader.ctx, { page: 1 });
      expect(list.items).toHaveLength(rows.length);
      for (const item of list.items) {
        const r = rows.find((x) => x.id === item.id)!;
        // The member did not deploy these: they see details through a team template only.
        const hidden = reader === member && r.template?.visibility !== "team";
        const expected = {
          cluster: { id: r.cluster.id, name: r.cluster.name, removed: r.cluster.removedAt !== null },
          actor: { id: r.actor.id, name: r.actor.name, email: r.actor.email },
          template: r.template && !hidden ? { id: r.template.id, name: r.template.name, version: r.templateVersion?.version ?? null } : null,
          replayOf: r.replayOf ? { id: r.replayOf.id, number: r.replayOf.number } : null,
          detailsHidden: hidden,
        };
        expect(item).toMatchObject(expected);
        const { live: _live, ...summary } = item;
        const detail = await getDeployment(reader.ctx, item.id);
        expect(detail).toMatchObject(summary);
        expect(detail.manifest).toBe(hidden ? "" : r.manifest);
        expect(detail.parameters).toEqual(hidden ? {} : r.parameters);
      }
    }
    expect(rows.some((r) => r.cluster.removedAt !== null) && rows.some((r) => r.replayOf) && rows.some((r) => !r.template)).toBe(true);
  });
});
