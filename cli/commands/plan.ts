import { PlanSchema, type ClusterPlan } from "../api-schemas";
import { outputFormat, parse, parseTemplateRef, positionals, SERVER_OPTIONS } from "../args";
import { connect } from "../connect";
import { deployBody, TARGET_OPTIONS } from "../deploy-flow";
import { CliError, EXIT, type ExitCode } from "../errors";
import type { Io } from "../io";
import { oneLine, printResult, table } from "../output";

export const HELP = `berth plan TEMPLATE[@VERSION] --cluster C [--cluster C2 …] --namespace N [--set name=value …] [--create-namespace] [-o json|yaml]

What a deploy would do, with your own kubeconfig on each cluster: RBAC preflight, server-side
dry run, per-object action. Exit 0 when every cluster may be deployed, 3 (with the reasons: the
missing permissions, blockers) when the plan refuses one.`;

export async function plan(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, { ...TARGET_OPTIONS, ...SERVER_OPTIONS });
  const [ref] = positionals(rest, ["TEMPLATE[@VERSION]"]);
  const format = outputFormat(values.output);
  const body = deployBody(parseTemplateRef(ref), values);
  const result = await connect(io, values.insecure).post("/api/v1/deployments/plan", PlanSchema, { body });
  printResult(io, format, result, () => result.clusters.map((c) => describePlan(result.appName, c)).join("\n\n"));
  const refused = result.clusters.filter((c) => !c.ok);
  if (!refused.length) return EXIT.ok;
  throw new CliError(refused.map((c) => `${c.clusterName}: ${planRefusal(c)}`).join("\n"), EXIT.refused);
}

function describePlan(app: string, c: ClusterPlan): string {
  const head = `${c.clusterName}: ${c.ok ? "ready to deploy" : "would be refused"} — ${app}`;
  const rows = table(["KIND", "NAME", "ACTION", "NOTES"], c.objects.map((o) => [o.kind, o.name, o.action, [...o.denied, ...o.errors, ...o.warnings, o.conflict ? "conflict" : ""].filter(Boolean).join("; ")]));
  return `${head}\n${rows}`;
}

/** Why a cluster's plan refuses: its error, blockers, denied permissions and field errors, in that order. */
export function planRefusal(c: ClusterPlan): string {
  const fields = Object.entries(c.fieldErrors ?? {}).flatMap(([k, m]) => m.map((x) => `${k}: ${x}`));
  return oneLine([c.error, ...c.blockers, ...c.denials, ...fields, ...c.objects.flatMap((o) => [...o.denied, ...o.errors].map((e) => `${o.kind} ${o.name}: ${e}`))].filter(Boolean).join("; ") || "refused");
}
