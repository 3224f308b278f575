import { beforeAll, describe, expect, it } from "vitest";
import { addMember, createNginxTemplate, newTeam } from "@/scripts/test-support/fixtures";
import { recordAuditAlone } from "./audit";
import { openAuditExport } from "./audit-export";
import { getAuditEvent, listAuditEvents } from "./audit-query";
import type { Ctx } from "./authz";
import { registerCluster } from "./clusters";
import { db } from "./db";
import { planRedeploy, redeploy, undeploy } from "./deployments";
import { deploymentRollout, getDeployment, listDeployments } from "./deployments-query";
import { AppError } from "./errors";

// Deployments are team facts, but a private template stays private through its history:
// owners/admins see every deployment; others see that one happened (who, when, where, app) but
// not its manifest, values or diff unless the template is visible to them. Only the deployer or an
// owner/admin may redeploy or undeploy a deployment; refusals are audited.
const SECRET = "registry.example.com/private/secret-app:7";

type Who = "owner" | "admin" | "deployer" | "member" | "viewer";
const who = {} as Record<Who, Ctx & { id: string }>;
let teamId = "";
let privateDep = "";
let teamDep = "";
let privateTemplateId = "";
let eventId = "";

const rejects = (p: Promise<unknown>, code: AppError["code"]) => expect(p).rejects.toSatisfy((e) => e instanceof AppError && e.code === code);

async function row(templateId: string, actorId: string, clusterId: string, image: string) {
  return db().deployment.create({
    data: {
      teamId, clusterId, actorId, templateId, appName: "secret-app", namespace: "prod", status: "failed",
      parameters: { image }, manifest: `kind: StatefulSet\nimage: ${image}\n`, results: [{ kind: "StatefulSet", name: "secret-app", status: "failed", message: `pull ${image}` }],
      message: `Failed at StatefulSet/secret-app: image ${image}`, reason: `rolling out ${image}`, finishedAt: new Date(),
    },
  });
}

beforeAll(async () => {
  const t = await newTeam("private-history");
  teamId = t.teamId;
  who.owner = { ...t.ctx, id: t.owner.id };
  for (const role of ["admin", "member", "viewer"] as const) {
    const m = await addMember(teamId, role);
    who[role] = { ...m.ctx, id: m.user.id };
  }
  const deployer = await addMember(teamId, "member", "deployer");
  who.deployer = { ...deployer.ctx, id: deployer.user.id };
  privateTemplateId = await createNginxTemplate(who.deployer, "secret app", { app: "secret-app", visibility: "private" });
  const teamTemplateId = await createNginxTemplate(who.deployer, "shared app", { app: "secret-app" });
  const clusterId = await registerCluster(who.owner, { name: "prod", description: "", profile: "generic" });
  privateDep = (await row(privateTemplateId, who.deployer.id, clusterId, SECRET)).id;
  teamDep = (await row(teamTemplateId, who.deployer.id, clusterId, "registry.example.com/library/nginx:1.27")).id;
  // the event a deploy of the private template writes (deployments-run.ts: summary with its diff)
  eventId = (
    await recordAuditAlone({
      action: "deploy.apply",
      actor: { id: who.deployer.id, email: "deployer@it.test" },
      teamId,
      target: { type: "deployment", id: privateDep, name: "secret-app" },
      cluster: { id: clusterId, name: "prod" },
      namespace: "prod",
      summary: { deploymentId: privateDep, template: privateTemplateId, diff: `1 create\n~ StatefulSet/secret-app spec.template.spec.containers[name=app].image: — → ${SECRET}`, objects: 1, applied: 0 },
      result: "failure",
      reason: `Failed at StatefulSet/secret-app: image ${SECRET}`,
    })
  ).toString();
});

describe("deployments of a private template", () => {
  it.each(["member", "viewer"] as const)("a %s sees that it happened, but not its manifest, values, results or messages", async (role) => {
    const d = await getDeployment(who[role], privateDep);
    expect(d).toMatchObject({ id: privateDep, appName: "secret-app", namespace: "prod", cluster: { name: "prod" }, actor: { id: who.deployer.id }, detailsHidden: true, canAct: false });
    expect(d.manifest).toBe("");
    expect(d.parameters).toEqual({});
    expect(d.results).toEqual([]);
    expect(d.template).toBeNull(); // not even the private template's name
    expect(JSON.stringify(d)).not.toContain("secret-app:7");
    const list = await listDeployments(who[role], { page: 1 });
    expect(list.total).toBe(2);
    expect(JSON.stringify(list)).not.toContain("secret-app:7");
    expect(JSON.stringify(list)).not.toContain("secret app");
    // a team template's deployment stays open to every member
    expect((await getDeployment(who[role], teamDep)).manifest).toContain("nginx:1.27");
  });

  it.each(["owner", "admin", "deployer"] as const)("the %s sees everything", async (role) => {
    const d = await getDeployment(who[role], privateDep);
    expect(d).toMatchObject({ detailsHidden: false, canAct: true, parameters: { image: SECRET }, template: { id: privateTemplateId, name: "secret app" } });
    expect(d.manifest).toContain(SECRET);
  });

  it("only the deployer or an owner/admin may redeploy or undeploy; refusals are audited", async () => {
    for (const role of ["member", "viewer"] as const) {
      for (const id of [privateDep, teamDep]) {
        await rejects(redeploy(who[role], { deploymentId: id, reason: "", force: false, recreate: false }), "forbidden");
        await rejects(undeploy(who[role], { deploymentId: id, reason: "" }), "forbidden");
        await rejects(planRedeploy(who[role], id), "forbidden");
      }
    }
    expect((await getDeployment(who.member, teamDep)).canAct).toBe(false);
    expect(await db().deployment.count({ where: { teamId } })).toBe(2);
    const refusals = await db().auditEvent.findMany({ where: { chainKey: teamId, actorId: who.member.id, result: "failure" } });
    expect(refusals.length).toBe(6);
    expect(refusals.every((e) => e.reason.length > 0 && [privateDep, teamDep].includes(e.targetId))).toBe(true);
  });

  it("the live rollout of a hidden deployment is refused", async () => {
    await rejects(deploymentRollout(who.member, privateDep), "forbidden");
  });

  it("its audit event shows who/when/where but not the diff, the template or the failure text; the export too", async () => {
    const event = await getAuditEvent(who.member, eventId);
    expect(event).toMatchObject({ action: "deploy.apply", actorEmail: "deployer@it.test", clusterName: "prod", namespace: "prod", targetName: "secret-app" });
    expect(JSON.stringify(event)).not.toContain("secret-app:7");
    expect(event.summary).not.toHaveProperty("diff");
    expect(event.summary).not.toHaveProperty("template");

    const page = await listAuditEvents(who.viewer, {});
    expect(page.events.some((e) => e.id === eventId)).toBe(true);
    expect(JSON.stringify(page)).not.toContain("secret-app:7");

    const stream = await openAuditExport(who.member, {}, "json");
    const text = await new Response(stream).text();
    expect(text).toContain(eventId);
    expect(text).not.toContain("secret-app:7");

    const managerView = await getAuditEvent(who.admin, eventId);
    expect(JSON.stringify(managerView.summary)).toContain(SECRET);
  });
});
