import { DeployResultSchema } from "../api-schemas";
import { outputFormat, parse, positionals, SERVER_OPTIONS } from "../args";
import { connect } from "../connect";
import { finishApply, idempotencyKey } from "../deploy-flow";
import type { ExitCode } from "../errors";
import type { Io } from "../io";

export const HELP = `berth undeploy RECORD [--reason TEXT] [--idempotency-key K] [-o json|yaml]

Removes the app of a deployment record from its cluster and namespace (volume claims are kept and
listed). RECORD is the record's id.`;

export async function undeploy(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, { reason: { type: "string" }, "idempotency-key": { type: "string" }, ...SERVER_OPTIONS });
  const [record] = positionals(rest, ["RECORD"]);
  const format = outputFormat(values.output);
  const client = connect(io, values.insecure);
  const result = await client.post(`/api/v1/deployments/${encodeURIComponent(record)}/undeploy`, DeployResultSchema, {
    body: { reason: values.reason }, idempotencyKey: idempotencyKey(values["idempotency-key"]),
  });
  const code = await finishApply(client, io, format, result, { wait: false, timeoutMs: 0 });
  if (format === "table" && result.keptClaims?.length) io.out(`Volume claims kept: ${result.keptClaims.join(", ")}\n`);
  return code;
}
