import { DeployResultSchema } from "../api-schemas";
import { outputFormat, parse, positionals, SERVER_OPTIONS } from "../args";
import { connect } from "../connect";
import { APPLY_OPTIONS, applyFlags, finishApply, idempotencyKey, WAIT_OPTIONS, waitSettings } from "../deploy-flow";
import type { ExitCode } from "../errors";
import type { Io } from "../io";

export const HELP = `berth redeploy RECORD [--reason TEXT] [--wait [--timeout 10m]] [--force] [--recreate] [--take-over] [-o json|yaml]

Applies a deployment record's exact manifest again (a rollback when RECORD is an older one),
as a new record. RECORD is the record's id (berth history -o json shows ids). --wait as for deploy.`;

export async function redeploy(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, { reason: { type: "string" }, ...APPLY_OPTIONS, ...WAIT_OPTIONS, ...SERVER_OPTIONS });
  const [record] = positionals(rest, ["RECORD"]);
  const format = outputFormat(values.output);
  const wait = waitSettings(io, values);
  const client = connect(io, values.insecure);
  const path = `/api/v1/deployments/${encodeURIComponent(record)}`;
  const result = await client.post(`${path}/redeploy`, DeployResultSchema, { body: { reason: values.reason, ...applyFlags(values) }, idempotencyKey: idempotencyKey(values["idempotency-key"]) });
  return finishApply(client, io, format, result, wait);
}
