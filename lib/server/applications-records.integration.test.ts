import { describe, expect, it } from "vitest";
import { nginxTemplate } from "@/e2e/support/deploy-fixtures";
import { addMember, newTeam } from "@/scripts/test-support/fixtures";
import { getApplication, listApplications, templatesRunningOn } from "./applications";
import { registerCluster } from "./clusters";
import { db } from "./db";
import { AppError } from "./errors";
import { createTemplate } from "./templates";

// Applications from deployment records alone (no cluster): which keys are apps, keyset pages,
// search, team scoping.
describe("application records", () => {
  it("pages by keyset, filters by template and search, and another team's key is not found", async () => {
    const t = await newTeam("apps-pages");
    const other = await newTeam("apps-other");
    const c = await registerCluster(t.ctx, { name: "paper", description: "", profile: "generic" });
    const owner = await db().user.findUniqueOrThrow({ where: { id: t.owner.id } });
    // Records only (no cluster): 7 apps, one undeployed, one failed-only.
    const rec = (appName: string, kind: "deploy" | "undeploy", status: "applied" | "failed", at: number) =>
      db().deployment.create({ data: { teamId: t.teamId, kind, status, appName, namespace: "shop", clusterId: c, actorId: owner.id, manifest: "", startedAt: new Date(Date.UTC(2026, 0, 1, 0, at)) } });
    for (let i = 0; i < 7; i++) await rec(`app-${i}`, "deploy", "applied", i);
    await rec("app-3", "undeploy", "applied", 30);
    await rec("app-5", "deploy", "failed", 31);
    await rec("only-failed", "deploy", "failed", 32);
    const p1 = await listApplications(t.ctx, {}, { limit: 4 });
    expect(p1.items.map((r) => r.appName)).toEqual(["app-0", "app-1", "app-2", "app-4"]);
    const p2 = await listApplications(t.ctx, { after: p1.next! }, { limit: 4 });
    expect(p2.items.map((r) => r.appName)).toEqual(["app-5", "app-6"]);
    expect(p2.next).toBeNull();
    expect(p2.items[0].last).toMatchObject({ status: "failed" });
    expect((await listApplications(t.ctx, { q: "p-6" })).items.map((r) => r.appName)).toEqual(["app-6"]);
    expect((await listApplications(t.ctx, { q: "%" })).items).toEqual([]);
    expect((await listApplications(other.ctx, {})).items).toEqual([]);
    await expect(getApplication(other.ctx, { clusterId: c, namespace: "shop", appName: "app-0" })).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
  });

  it("template filter, where each template runs, and a private template's name only for its owner", async () => {
    const t = await newTeam("apps-tpl");
    const member = await addMember(t.teamId, "member");
    const c = await registerCluster(t.ctx, { name: "paper", description: "", profile: "generic" });
    const spec = nginxTemplate();
    const shared = await createTemplate(t.ctx, { name: "shared nginx", visibility: "team", spec: spec.spec, parameters: spec.parameters, message: "" });
    const mine = await createTemplate(member.ctx, { name: "member's own", visibility: "private", spec: spec.spec, parameters: spec.parameters, message: "" });
    const version = (templateId: string) => db().templateVersion.findFirstOrThrow({ where: { templateId, version: 1 } });
    const rec = async (appName: string, templateId: string) =>
      db().deployment.create({ data: { teamId: t.teamId, kind: "deploy", status: "applied", appName, namespace: "web", clusterId: c, actorId: t.owner.id, manifest: "", templateId, templateVersionId: (await version(templateId)).id } });
    await rec("front", shared.id);
    await rec("back", shared.id);
    await rec("secret-app", mine.id);
    expect((await listApplications(t.ctx, { template: shared.id })).items.map((r) => r.appName)).toEqual(["back", "front"]);
    const runs = await templatesRunningOn(t.ctx, [shared.id, mine.id]);
    expect(runs.get(shared.id)!.map((r) => `${r.clusterName}/${r.namespace}/${r.appName} v${r.version}`)).toEqual(["paper/web/back v1", "paper/web/front v1"]);
    expect(runs.has(mine.id)).toBe(false);
    const asOwner = (await listApplications(t.ctx, {})).items.find((r) => r.appName === "secret-app")!;
    expect(asOwner.applied).toMatchObject({ templateId: null, templateName: null });
    const asMember = (await listApplications(member.ctx, {})).items.find((r) => r.appName === "secret-app")!;
    expect(asMember.applied).toMatchObject({ templateId: mine.id, templateName: "member's own", templateVersion: 1 });
    // deploymentAccess of the applied record: the owner (a manager) may see and redeploy it; another
    // member, who neither deployed it nor sees its template, sees neither its values nor may sync it.
    expect(asOwner.access).toEqual({ details: true, act: true });
    const third = await addMember(t.teamId, "member");
    expect((await listApplications(third.ctx, {})).items.find((r) => r.appName === "secret-app")!.access).toEqual({ details: false, act: false });
    expect((await listApplications(third.ctx, {})).items.find((r) => r.appName === "front")!.access).toEqual({ details: true, act: false });
  });
});
