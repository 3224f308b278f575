import { DeployRequestSchema, RolloutSchema, type ClusterResult, type Rollout } from "./api-schemas";
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
 * A deploy held for approval (issue 16) runs when enough people approve it: polls the request
 * (GET /api/v1/requests/{id}) until it ran (its record is then polled like any deploy) or never
 * will (rejected, withdrawn, expired: exit 3 with its message).
 */
export async function waitForApproval(client: ApiClient, io: Io, held: ClusterResult, opts: WaitOptions): Promise<{ clusterName: string; deploymentId: string; status: string; message?: string | null }> {
  const id = held.approvalRequestId;
  if (!id) throw new CliError(`${held.clusterName}: waiting for approval, but the server named no request to wait for`, EXIT.unavailable);
  let seen = "";
  for (;;) {
    const r = await client.get(`/api/v1/requests/${encodeURIComponent(id)}`, DeployRequestSchema);
    const line = `${held.clusterName}: request ${id} ${r.status}${r.status === "pending" ? ` (${r.approvals}/${r.required} approvals)` : ""}`;
    if (line !== seen) opts.say(line);
    seen = line;
    if ((r.status === "applied" || r.status === "failed") && r.deploymentId) return { clusterName: held.clusterName, deploymentId: r.deploymentId, status: r.status, message: r.message };
    if (r.status !== "pending") {
      const why = r.decisions.filter((d) => d.decision !== "approve" && d.comment).map((d) => `${d.approver}: ${d.comment}`);
      throw new CliError(oneLine(`${held.clusterName}: request ${id} was ${r.status}; nothing was deployed${r.message ? `: ${r.message}` : ""}${why.length ? ` (${why.join("; ")})` : ""}`), EXIT.refused);
    }
    if (io.now() + opts.pollMs > opts.deadline) throw new CliError(`timed out waiting for approval of request ${id} on ${held.clusterName} (${r.approvals}/${r.required} approvals)`, EXIT.timeout);
    await io.sleep(opts.pollMs);
  }
}
