import { DeploymentPageSchema, type DeploymentSummary } from "../api-schemas";
import { outputFormat, parse, positionals, SERVER_OPTIONS } from "../args";
import { connect } from "../connect";
import { EXIT, usageError, type ExitCode } from "../errors";
import type { Io } from "../io";
import { printResult, table } from "../output";

export const HELP = `berth history [--cluster C] [--namespace N] [--app A] [--template T] [--status S] [--limit N] [-o json|yaml]

Deployment records, newest first (deploys, redeploys, undeploys), with their ids for
berth redeploy / undeploy. --limit defaults to 20 (at most 1000).`;

export async function history(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, {
    cluster: { type: "string", short: "c" }, namespace: { type: "string", short: "n" }, app: { type: "string" },
    template: { type: "string" }, status: { type: "string" }, limit: { type: "string" }, ...SERVER_OPTIONS,
  });
  positionals(rest, []);
  const format = outputFormat(values.output);
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw usageError("--limit must be a whole number from 1 to 1000");
  const client = connect(io, values.insecure);
  const items: DeploymentSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.get("/api/v1/deployments", DeploymentPageSchema, {
      query: { cluster: values.cluster, namespace: values.namespace, app: values.app, template: values.template, status: values.status, limit: Math.min(100, limit - items.length), cursor },
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < limit);
  printResult(io, format, items, () =>
    items.length
      ? table(["#", "KIND", "STATUS", "APP", "CLUSTER/NAMESPACE", "TEMPLATE", "BY", "STARTED", "ID"], items.map((d) => [
          `#${d.number}`, d.kind, `${d.status}${d.live ? " (live)" : ""}`, d.appName, `${d.cluster.name}/${d.namespace}`,
          d.template ? `${d.template.name}${d.template.version ? `@${d.template.version}` : ""}` : "", d.actor?.email ?? d.actor?.name ?? "",
          d.startedAt.slice(0, 19).replace("T", " "), d.id,
        ]))
      : "No deployments.");
  return EXIT.ok;
}
