import { DeployResultSchema } from "../api-schemas";
import { outputFormat, parse, parseTemplateRef, positionals, SERVER_OPTIONS } from "../args";
import { connect } from "../connect";
import { APPLY_OPTIONS, applyFlags, deployBody, finishApply, idempotencyKey, TARGET_OPTIONS, WAIT_OPTIONS, waitSettings } from "../deploy-flow";
import type { ExitCode } from "../errors";
import type { Io } from "../io";

export const HELP = `berth deploy TEMPLATE[@VERSION] --cluster C [--cluster C2 …] --namespace N [--set name=value …]
             [--wait [--timeout 10m]] [--create-namespace] [--force] [--recreate] [--take-over] [--idempotency-key K] [-o json|yaml]

Deploys a template version (latest by default) with your own kubeconfig on each cluster, after
the same plan as the console (a refused plan deploys nothing: exit 3 with the reason). With --wait,
prints each pod by ordinal as it becomes Ready and exits 0 only when every cluster's rollout is
Ready (1 when it stalls or fails, 4 on timeout). A protected target may answer "waiting for
approval" with a request id: exit 6, or with --wait follow the request (GET /api/v1/requests/ID)
to the deploy it runs, then wait for Ready (a rejected, withdrawn or expired request: exit 3).
Every invocation sends one Idempotency-Key, so the CLI's own retries never deploy twice.`;

export async function deploy(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, { ...TARGET_OPTIONS, ...APPLY_OPTIONS, ...WAIT_OPTIONS, ...SERVER_OPTIONS });
  const [ref] = positionals(rest, ["TEMPLATE[@VERSION]"]);
  const format = outputFormat(values.output);
  const wait = waitSettings(io, values);
  const body = { ...deployBody(parseTemplateRef(ref), values), ...applyFlags(values) };
  const client = connect(io, values.insecure);
  const result = await client.post("/api/v1/deployments", DeployResultSchema, { body, idempotencyKey: idempotencyKey(values["idempotency-key"]) });
  return finishApply(client, io, format, result, wait);
}
