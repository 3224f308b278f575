import { DeploymentPageSchema, RolloutSchema, type ClusterResult, type Rollout } from "./api-schemas";
import type { ApiClient } from "./client";
import { CliError, EXIT } from "./errors";
import type { Io } from "./io";
import { oneLine } from "./output";

// `--wait`: poll each applied deployment's rollout (GET /deployments/{id}/rollout) until every
// cluster is Ready; a stalled rollout fails at once, the deadline fails with the last reason.
export type WaitOptions = { deadline: number; pollMs: number; say: (line: string) => void };

export type RolloutOutcome = { clusterName: string; deploymentId: string; state: string; reason?: string | null };

export async function waitForRollouts(client: ApiClient, io: Io, targets: { clusterName: string; deploymentId: string }[], opts: WaitOptions): Promise<RolloutOutcome[]> {
  const pending = new Map(targets.map((t) => [t.deploymentId, t]));
  const seen = new Map<string, string>();
  const last = new Map<string, Rollout>();
  const done: RolloutOutcome[] = [];
  for (;;) {
    for (const t of [...pending.values()]) {
      const r = await client.get(`/api/v1/deployments/${encodeURIComponent(t.deploymentId)}/rollout`, RolloutSchema);
      last.set(t.deploymentId, r);
      report(t.clusterName, r, seen, opts.say);
      if (r.state === "ready") {
        pending.delete(t.deploymentId);
        done.push({ ...t, state: r.state, reason: r.reason });
      } else if (r.state === "stalled") {
        throw new CliError(`${t.clusterName}: the rollout is stalled: ${explain(r)}`, EXIT.failed);
      }
    }
    if (!pending.size) return done;
    if (io.now() + opts.pollMs > opts.deadline) {
      const why = [...pending.values()].map((t) => `${t.clusterName}: ${explain(last.get(t.deploymentId))}`).join("; ");
      throw new CliError(`timed out before the rollout was Ready — ${why}`, EXIT.timeout);
    }
    await io.sleep(opts.pollMs);
  }
}

/** A line when the ready count or a pod's state changes (per ordinal), so a CI log shows progress, not noise. */
function report(cluster: string, r: Rollout, seen: Map<string, string>, say: (line: string) => void): void {
  const summary = `${cluster}: ${r.state}${r.replicas != null ? ` ${r.readyReplicas ?? 0}/${r.replicas} ready` : ""}${r.state !== "ready" && r.state !== "progressing" && r.reason ? ` (${oneLine(r.reason)})` : ""}`;
  if (seen.get(cluster) !== summary) say(summary);
  seen.set(cluster, summary);
  for (const p of r.pods) {
    const line = `${cluster}: ${oneLine(p.name)} ${p.exists === false ? "not created yet" : `${oneLine(p.phase ?? "Unknown")}${p.ready ? ", ready" : ", not ready"}${p.updated === false ? ", old revision" : ""}${p.reason ? ` (${oneLine(p.reason)})` : ""}`}`;
    const key = `${cluster}\u0000${p.ordinal}`;
    if (seen.get(key) !== line) say(`  ${line}`);
    seen.set(key, line);
  }
  if (r.tooManyToList) say(`${cluster}: too many pods to list one by one`);
}

function explain(r: Rollout | undefined): string {
  if (!r) return "no answer yet";
  const pods = r.pods.filter((p) => p.reason).slice(0, 5).map((p) => `${p.name}: ${p.reason}`);
  return oneLine([r.reason || r.state, ...pods].join("; "));
}

/**
 * A deploy held for approval (issue 16) runs when someone approves it; its record then appears in
 * the history of that app, cluster and namespace. Waits for a record that was not there when the
 * deploy was held (by id, so the server's and this machine's clocks need not agree).
 */
export async function waitForApproval(
  client: ApiClient, io: Io, held: ClusterResult, target: { appName: string; namespace: string }, opts: WaitOptions,
): Promise<{ clusterName: string; deploymentId: string; status: string; message?: string | null }> {
  opts.say(`${held.clusterName}: waiting for approval (request ${held.approvalRequestId ?? "?"})`);
  const records = () => client.get("/api/v1/deployments", DeploymentPageSchema, { query: { cluster: held.clusterName, namespace: target.namespace, app: target.appName, limit: 20 } });
  const known = new Set((await records()).items.map((d) => d.id));
  for (;;) {
    if (io.now() + opts.pollMs > opts.deadline) throw new CliError(`timed out waiting for approval of request ${held.approvalRequestId ?? "?"} on ${held.clusterName}`, EXIT.timeout);
    await io.sleep(opts.pollMs);
    const record = (await records()).items.find((d) => !known.has(d.id) && d.kind !== "undeploy");
    if (record && (record.status === "applied" || record.status === "failed")) {
      opts.say(`${held.clusterName}: approved; deployment #${record.number} ${record.status}`);
      return { clusterName: held.clusterName, deploymentId: record.id, status: record.status, message: record.message };
    }
  }
}
