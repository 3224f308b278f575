import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { addMember, auditEventsFor, newTeam } from "@/scripts/test-support/fixtures";
import { listClusters, registerCluster, removeCluster } from "./clusters";
import { openMyKubeConfig, removeCredential, setCredential, testMyCredential } from "./clusters-credentials";
import { loadActor } from "./authz";
import { decryptSecret } from "./crypto";
import { db } from "./db";
import { AppError } from "./errors";
import { credentialAad } from "./k8s/client";

let cluster: TestCluster;
let adminText: string;
let restrictedText: string;
beforeAll(async () => {
  cluster = await setupTestCluster();
  adminText = fs.readFileSync(cluster.adminKubeconfig, "utf8");
  restrictedText = fs.readFileSync(cluster.restrictedKubeconfig, "utf8");
});
afterAll(async () => cluster?.dispose());

const rejects = (p: Promise<unknown>, code: AppError["code"], message?: RegExp) =>
  expect(p).rejects.toSatisfy((e) => e instanceof AppError && e.code === code && (!message || message.test(e.message)));

function hostile(mutate: (doc: { clusters: Array<{ cluster: Record<string, unknown> }>; users: Array<{ user: Record<string, unknown> }> }) => void): string {
  const doc = parse(adminText);
  mutate(doc);
  return stringify(doc);
}

describe("clusters and per-user credentials", () => {
  it("registers a cluster with the admin kubeconfig and one with the restricted user's; tests each; never returns the kubeconfig", async () => {
    const t = await newTeam("clusters");
    const member = await addMember(t.teamId, "member");
    const prodId = await registerCluster(t.ctx, { name: "prod", description: "", profile: "generic" });
    const labId = await registerCluster(t.ctx, { name: "lab", description: "restricted", profile: "generic" });

    const adminCred = await setCredential(t.ctx, { clusterId: prodId, kubeconfig: adminText, context: "", namespace: "" });
    expect(adminCred.replaced).toBe(false);
    expect(adminCred.credential).toMatchObject({ server: cluster.server, namespace: "default", serverVersion: "v1.36.3", insecureSkipTls: false });
    expect(adminCred.report.ok && adminCred.report.canCreateNamespace).toBe(true);

    const restrictedCred = await setCredential(member.ctx, { clusterId: labId, kubeconfig: restrictedText, context: "", namespace: "" });
    expect(restrictedCred.credential.namespace).toBe(cluster.restrictedNamespace);
    expect(restrictedCred.report.ok && restrictedCred.report.permissions.every((p) => p.allowed)).toBe(true);
    expect(restrictedCred.report.ok && restrictedCred.report.canCreateNamespace).toBe(false);

    const list = await listClusters(t.ctx);
    expect(list.map((c) => [c.name, c.myCredential?.serverVersion ?? null])).toEqual([["lab", null], ["prod", "v1.36.3"]]);
    expect(JSON.stringify(list)).not.toMatch(/client-key-data|BEGIN|token/);

    // At rest: encrypted, bound to cluster + user (another user's id does not open it).
    const row = await db().clusterCredential.findFirstOrThrow({ where: { clusterId: prodId } });
    expect(Buffer.from(row.kubeconfigCipher).toString("utf8")).not.toMatch(/client-key-data/);
    expect(decryptSecret(row.kubeconfigCipher, credentialAad(prodId, t.owner.id))).toMatch(/client-key-data/);
    expect(() => decryptSecret(row.kubeconfigCipher, credentialAad(prodId, member.user.id))).toThrow();

    // A sealed kubeconfig moved to another user's row does not open (associated data differs).
    const memberRow = await db().clusterCredential.findFirstOrThrow({ where: { clusterId: labId } });
    await db().clusterCredential.update({ where: { id: memberRow.id }, data: { kubeconfigCipher: row.kubeconfigCipher } });
    await rejects(openMyKubeConfig((await loadActor(member.ctx))!, labId), "invalid", /can no longer be opened/);
    await db().clusterCredential.update({ where: { id: memberRow.id }, data: { kubeconfigCipher: memberRow.kubeconfigCipher } });

    // Each user uses their own: the member has no credential on prod.
    await rejects(openMyKubeConfig((await loadActor(member.ctx))!, prodId), "invalid", /Attach your kubeconfig/);
    expect((await testMyCredential(member.ctx, labId)).ok).toBe(true);

    const events = await auditEventsFor(t.teamId, "credential.set");
    expect(events.map((e) => e.result)).toEqual(["success", "success"]);
    expect(JSON.stringify(events.map((e) => e.summary))).not.toMatch(/client-key-data|token:|BEGIN/);
    expect((await auditEventsFor(t.teamId, "cluster.register")).map((e) => e.targetName)).toEqual(["prod", "lab"]);
  });

  it.each([
    ["exec", (d: Parameters<Parameters<typeof hostile>[0]>[0]) => (d.users[0].user = { exec: { apiVersion: "client.authentication.k8s.io/v1", command: "/bin/sh", args: ["-c", "id"] } }), /exec plugin/],
    ["auth-provider", (d: Parameters<Parameters<typeof hostile>[0]>[0]) => (d.users[0].user = { "auth-provider": { name: "oidc", config: {} } }), /auth-provider/],
    ["certificate-authority file", (d: Parameters<Parameters<typeof hostile>[0]>[0]) => (d.clusters[0].cluster["certificate-authority"] = "/etc/passwd"), /certificate-authority points at a file/],
    ["client-key file", (d: Parameters<Parameters<typeof hostile>[0]>[0]) => (d.users[0].user["client-key"] = "/etc/shadow"), /client-key points at a file/],
    ["tokenFile", (d: Parameters<Parameters<typeof hostile>[0]>[0]) => (d.users[0].user = { tokenFile: "/var/run/secrets/token" }), /tokenFile points at a file/],
  ])("refuses a kubeconfig with %s, says why, stores nothing and audits the refusal", async (_name, mutate, reason) => {
    const t = await newTeam("hostile");
    const id = await registerCluster(t.ctx, { name: "c", description: "", profile: "generic" });
    await rejects(setCredential(t.ctx, { clusterId: id, kubeconfig: hostile(mutate), context: "", namespace: "" }), "invalid", reason);
    expect(await db().clusterCredential.count({ where: { clusterId: id } })).toBe(0);
    const [event] = await auditEventsFor(t.teamId, "credential.set");
    expect(event.result).toBe("failure");
    expect(event.reason).toMatch(reason);
  });

  it("replaces and removes my credential; removing a cluster is soft and only for its creator or managers", async () => {
    const t = await newTeam("lifecycle");
    const member = await addMember(t.teamId, "member");
    const viewer = await addMember(t.teamId, "viewer");
    const id = await registerCluster(member.ctx, { name: "edge", description: "", profile: "generic" });
    await rejects(registerCluster(t.ctx, { name: "edge", description: "", profile: "generic" }), "conflict");
    await rejects(registerCluster(viewer.ctx, { name: "v", description: "", profile: "generic" }), "forbidden");
    await rejects(setCredential(viewer.ctx, { clusterId: id, kubeconfig: adminText, context: "", namespace: "" }), "forbidden");

    await setCredential(member.ctx, { clusterId: id, kubeconfig: adminText, context: "", namespace: "" });
    const again = await setCredential(member.ctx, { clusterId: id, kubeconfig: restrictedText, context: "", namespace: "" });
    expect(again.replaced).toBe(true);
    expect(again.credential.namespace).toBe(cluster.restrictedNamespace);
    await removeCredential(member.ctx, id);
    await rejects(removeCredential(member.ctx, id), "not_found");
    expect((await auditEventsFor(t.teamId, "credential.remove")).length).toBe(1);

    await rejects(removeCluster(viewer.ctx, id), "forbidden");
    await removeCluster(member.ctx, id);
    expect(await listClusters(t.ctx)).toEqual([]);
    expect((await db().cluster.findUniqueOrThrow({ where: { id } })).removedAt).not.toBeNull();
    const [removed] = await auditEventsFor(t.teamId, "cluster.remove");
    expect(removed).toMatchObject({ targetId: id, clusterName: "edge", actorId: member.user.id });
  });

  it("another team cannot see or use a cluster by id", async () => {
    const a = await newTeam("alpha");
    const b = await newTeam("bravo");
    const id = await registerCluster(a.ctx, { name: "a-only", description: "", profile: "generic" });
    await rejects(setCredential(b.ctx, { clusterId: id, kubeconfig: adminText, context: "", namespace: "" }), "not_found");
    await rejects(removeCluster(b.ctx, id), "not_found");
    expect(await listClusters(b.ctx)).toEqual([]);
  });
});
