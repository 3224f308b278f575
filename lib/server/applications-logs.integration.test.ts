import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KWOK_LOGS_DIR, startControlPlane, createTestNamespace, type ControlPlane } from "@/e2e/cluster/control-plane";
import { eventually } from "@/e2e/cluster/test-support";
import { NGINX_IMAGE_1 } from "@/e2e/support/deploy-fixtures";
import { addMember, attachCluster, createNginxTemplate, newTeam } from "@/scripts/test-support/fixtures";
import { getApplicationDetail } from "./applications-detail";
import { streamAppLog, type LogQuery } from "./applications-logs";
import type { Ctx } from "./authz";
import { setCredential } from "./clusters-credentials";
import { deployTemplate } from "./deployments";
import { AppError } from "./errors";

// Pod logs for real: kwok's kubelet API serves the fake pods' logs (a ClusterLogs rule in the test
// control plane), the API server proxies the log subresource, Berth reads it with the viewer's
// credential. A private control plane, so the test does not depend on when the shared one started.
let cp: ControlPlane;
beforeAll(async () => {
  cp = await startControlPlane({ handleSignals: false, nodes: 1, log: () => {} });
});
afterAll(async () => cp?.stop());

const current = fs.readFileSync(path.join(KWOK_LOGS_DIR, "current.txt"), "utf8").trim().split("\n").map((l) => l.split(" ").slice(3).join(" "));
const previous = fs.readFileSync(path.join(KWOK_LOGS_DIR, "previous.txt"), "utf8").trim().split("\n").map((l) => l.split(" ").slice(3).join(" "));

async function read(ctx: Ctx, key: { clusterId: string; namespace: string; appName: string }, q: Partial<LogQuery>, signal = new AbortController().signal): Promise<string> {
  const stream = await streamAppLog(ctx, key, { pod: "nginx-0", container: "nginx", tail: 200, previous: false, follow: false, ...q }, signal);
  return new Response(stream).text();
}

describe("pod logs on kwok pods", () => {
  it("tail N, previous container, follow (ends when the reader stops), and 'not allowed' without pods/log", async () => {
    const t = await newTeam("apps-logs");
    const ns = await createTestNamespace("apps-logs", cp.adminKubeconfig);
    const id = await attachCluster(t.ctx, "kwok", cp.adminKubeconfig);
    const templateId = await createNginxTemplate(t.ctx, "nginx");
    const { results } = await deployTemplate(t.ctx, { templateId, version: 1, values: { image: NGINX_IMAGE_1 }, clusterIds: [id], namespace: ns, createNamespace: false, force: false, recreate: false });
    expect(results[0].status).toBe("applied");
    const key = { clusterId: id, namespace: ns, appName: "nginx" };
    await eventually("nginx-0 ready", async () => (await getApplicationDetail(t.ctx, key)).live.pods[0]?.ready || undefined);

    const all = (await read(t.ctx, key, {})).trim().split("\n");
    expect(all).toEqual(current);
    expect((await read(t.ctx, key, { tail: 3 })).trim().split("\n")).toEqual(current.slice(-3));
    expect((await read(t.ctx, key, { previous: true })).trim().split("\n")).toEqual(previous);

    // Follow: the stream stays open (kwok follows the file); stopping the reader ends it.
    const stop = new AbortController();
    const stream = await streamAppLog(t.ctx, key, { pod: "nginx-0", container: "nginx", tail: 2, previous: false, follow: true }, stop.signal);
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let got = "";
    while (got.trim().split("\n").length < 2) got += decoder.decode((await reader.read()).value ?? new Uint8Array(), { stream: true });
    expect(got.trim().split("\n")).toEqual(current.slice(-2));
    stop.abort();
    expect((await reader.read().catch(() => ({ done: true }))).done).toBe(true);

    await expect(read(t.ctx, key, { pod: "postgres-0" })).rejects.toSatisfy((e) => e instanceof AppError && e.code === "invalid");

    // The restricted user may read pods but its role in this namespace has nothing: not allowed.
    const member = await addMember(t.teamId, "member");
    await setCredential(member.ctx, { clusterId: id, kubeconfig: fs.readFileSync(cp.restrictedKubeconfig, "utf8"), context: "", namespace: "" });
    await expect(read(member.ctx, key, {})).rejects.toSatisfy((e) => e instanceof AppError && /^not allowed: your credential cannot read pods\/log/.test(e.message));
  });
});
