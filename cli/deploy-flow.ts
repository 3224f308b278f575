import { randomUUID } from "node:crypto";
import { parseDuration, parseSets } from "./args";
import type { DeployResult } from "./api-schemas";
import type { ApiClient } from "./client";
import { pollInterval } from "./connect";
import { CliError, EXIT, usageError, type ExitCode } from "./errors";
import type { Io } from "./io";
import { oneLine, printResult, type OutputFormat } from "./output";
import { waitForApproval, waitForRollouts, type RolloutOutcome } from "./wait";

// What deploy, redeploy and undeploy share: the options that change what is applied, one
// Idempotency-Key per invocation (the client's retries reuse it), and turning the server's
// per-cluster results into lines, --wait and an exit code.
export const APPLY_OPTIONS = {
  force: { type: "boolean" },
  recreate: { type: "boolean" },
  "take-over": { type: "boolean" },
  "idempotency-key": { type: "string" },
} as const;

export const WAIT_OPTIONS = {
  wait: { type: "boolean" },
  timeout: { type: "string" },
} as const;

export function idempotencyKey(given: string | undefined): string {
  if (given === undefined) return `berth-cli-${randomUUID()}`;
  if (!/^[\x21-\x7e]{1,200}$/.test(given)) throw usageError("--idempotency-key: 1–200 printable characters without spaces");
  return given;
}

export function applyFlags(values: { force?: boolean; recreate?: boolean; "take-over"?: boolean }) {
  return { force: values.force === true, recreate: values.recreate === true, takeOver: values["take-over"] === true };
}

export function waitSettings(io: Io, values: { wait?: boolean; timeout?: string }): { wait: boolean; timeoutMs: number } {
  if (values.timeout !== undefined && !values.wait) throw usageError("--timeout goes with --wait");
  return { wait: values.wait === true, timeoutMs: values.timeout ? parseDuration(values.timeout) : 10 * 60_000 };
}

/**
 * Prints what the server did per cluster and, with --wait, waits for approval (if held) and for
 * every rollout to be Ready. Exit 0 only when everything asked for happened.
 */
export async function finishApply(
  client: ApiClient, io: Io, format: OutputFormat, result: DeployResult,
  options: { wait: boolean; timeoutMs: number },
): Promise<ExitCode> {
  // Progress on stdout for people; on stderr when stdout is JSON/YAML for a script.
  const say = (line: string) => (format === "table" ? io.out : io.err)(`${line}\n`);
  for (const r of result.results) say(`${r.clusterName}: ${describe(r.status)}${r.deploymentId ? ` (deployment ${r.deploymentId})` : ""}${r.approvalRequestId ? ` (request ${r.approvalRequestId})` : ""}`);
  const bad = result.results.filter((r) => r.status !== "applied" && r.status !== "waiting_for_approval");
  if (bad.length) {
    printResult(io, format, result, () => "");
    for (const r of bad) io.err(`${r.clusterName}: ${describe(r.status)}${r.message ? `: ${oneLine(r.message)}` : ""}\n`);
    throw new CliError(`not deployed to ${bad.map((r) => r.clusterName).join(", ")}`, bad.some((r) => r.status === "refused") ? EXIT.refused : EXIT.failed);
  }
  const held = result.results.filter((r) => r.status === "waiting_for_approval");
  if (!options.wait) {
    printResult(io, format, result, () => "");
    if (held.length) {
      io.err(`waiting for approval: ${held.map((r) => `${r.clusterName} (request ${r.approvalRequestId ?? "?"})`).join(", ")}; run again with --wait to wait for it\n`);
      return EXIT.pending;
    }
    return EXIT.ok;
  }
  const deadline = io.now() + options.timeoutMs;
  const opts = { deadline, pollMs: pollInterval(io), say };
  const applied = result.results.flatMap((r) => (r.status === "applied" && r.deploymentId ? [{ clusterName: r.clusterName, deploymentId: r.deploymentId }] : []));
  if (held.length) {
    for (const h of held) {
      const ran = await waitForApproval(client, io, h, opts);
      if (ran.status !== "applied") throw new CliError(`${ran.clusterName}: the approved deploy failed${ran.message ? `: ${oneLine(ran.message)}` : ""}`, EXIT.failed);
      applied.push(ran);
    }
  }
  const rollouts: RolloutOutcome[] = await waitForRollouts(client, io, applied, opts);
  printResult(io, format, { ...result, rollouts }, () => `Ready on ${rollouts.map((r) => r.clusterName).join(", ")}`);
  return EXIT.ok;
}

function describe(status: string): string {
  return status === "waiting_for_approval" ? "waiting for approval" : status;
}

export const TARGET_OPTIONS = {
  cluster: { type: "string", multiple: true, short: "c" },
  namespace: { type: "string", short: "n" },
  set: { type: "string", multiple: true },
  "create-namespace": { type: "boolean" },
} as const;

/** The body of POST /deployments/plan and /deployments from TEMPLATE[@VERSION] and the target options. */
export function deployBody(ref: { template: string; version: number | "latest" }, values: { cluster?: string[]; namespace?: string; set?: string[]; "create-namespace"?: boolean }) {
  if (!values.cluster?.length) throw usageError("name the cluster with --cluster C (repeat it for several)");
  if (!values.namespace) throw usageError("name the namespace with --namespace N");
  return { template: ref.template, version: ref.version, values: parseSets(values.set), clusters: values.cluster, namespace: values.namespace, createNamespace: values["create-namespace"] === true };
}
