import { describe, expect, it } from "vitest";
import { auditEventsFor, closedPort, newTeam } from "@/scripts/test-support/fixtures";
import { tokenKubeconfig } from "@/scripts/test-support/kubeconfig";
import { registerCluster } from "./clusters";
import { setCredential, testMyCredential } from "./clusters-credentials";
import { encryptSecret } from "./crypto";
import { db } from "./db";
import { AppError } from "./errors";
import { credentialAad } from "./k8s/client";

// A refused or failing kubeconfig is audited — and neither the audit trail nor the message shown
// ever carries the kubeconfig's text (its token above all). No cluster needed: the failures are
// made with malformed kubeconfigs and a closed local port.
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXNlcnZpY2UtYWNjb3VudC10b2tlbi1kby1ub3QtbGVhaw.SIGNATURE-zq81";

const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const kubeconfig = (server: string, user: string) => tokenKubeconfig({ server, caPem: CA_PEM, userLines: [user] });

const rowText = (row: object) => JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));

async function refusalOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("kubeconfig refusals never carry the kubeconfig's text", () => {
  it.each([
    ["a YAML error on the token's line", kubeconfig("https://127.0.0.1:6443", `    token: "${TOKEN}\n    x: [`)],
    ["a YAML error after the token", kubeconfig("https://127.0.0.1:6443", `    token: ${TOKEN}: nested: bad`)],
    ["the token pasted as the server", kubeconfig(TOKEN, "    token: x")],
    ["the token pasted as a field name", kubeconfig("https://127.0.0.1:6443", `    ${TOKEN}: x`)],
    ["the token as the namespace", kubeconfig("https://127.0.0.1:6443", "    token: x").replace("{cluster: c, user: u}", `{cluster: c, user: u, namespace: "${TOKEN}"}`)],
    ["the token as an unknown alias", kubeconfig("https://127.0.0.1:6443", `    token: *${TOKEN}`)],
  ])("%s", async (_name, text) => {
    const t = await newTeam("kc-leak");
    const id = await registerCluster(t.ctx, { name: "c", description: "", profile: "generic" });
    const e = await refusalOf(setCredential(t.ctx, { clusterId: id, kubeconfig: text, context: "", namespace: "" }));
    expect(e.code).toBe("invalid");
    expect(JSON.stringify({ message: e.message, fields: e.fieldErrors })).not.toContain(TOKEN.slice(20, 40));
    const events = await auditEventsFor(t.teamId, "credential.set");
    expect(events).toHaveLength(1);
    expect(events[0].result).toBe("failure");
    expect(events[0].reason).not.toBe("");
    expect(rowText(events[0])).not.toContain(TOKEN.slice(20, 40));
  });
});

describe("failed connection tests are audited (host only, never credentials)", () => {
  it("when attaching a kubeconfig", async () => {
    const t = await newTeam("kc-conn");
    const id = await registerCluster(t.ctx, { name: "c", description: "", profile: "generic" });
    const port = await closedPort();
    const e = await refusalOf(setCredential(t.ctx, { clusterId: id, kubeconfig: kubeconfig(`https://127.0.0.1:${port}/some/path`, `    token: ${TOKEN}`), context: "", namespace: "" }));
    expect(e.message).toMatch(/Connection test failed: could not reach the API server/);
    expect(await db().clusterCredential.count({ where: { clusterId: id } })).toBe(0);
    const events = await auditEventsFor(t.teamId, "credential.test");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ result: "failure", targetId: id, clusterId: id, summary: { host: `127.0.0.1:${port}` } });
    expect(events[0].reason).toMatch(/could not reach the API server/);
    expect(rowText(events[0])).not.toMatch(/some\/path|SIGNATURE|eyJ/);
  });

  it("when re-testing a stored credential", async () => {
    const t = await newTeam("kc-retest");
    const id = await registerCluster(t.ctx, { name: "c", description: "", profile: "generic" });
    const port = await closedPort();
    const text = kubeconfig(`https://127.0.0.1:${port}`, `    token: ${TOKEN}`);
    await db().clusterCredential.create({
      data: { clusterId: id, userId: t.owner.id, kubeconfigCipher: new Uint8Array(encryptSecret(text, credentialAad(id, t.owner.id))), contextName: "ctx", server: `https://127.0.0.1:${port}`, defaultNamespace: "default", insecureSkipTls: false, serverVersion: "v1.36.0" },
    });
    const report = await testMyCredential(t.ctx, id);
    expect(report.ok).toBe(false);
    const events = await auditEventsFor(t.teamId, "credential.test");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ result: "failure", summary: { host: `127.0.0.1:${port}` } });
    expect(rowText(events[0])).not.toMatch(/SIGNATURE|eyJ/);
  });
});
