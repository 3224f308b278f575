import Link from "next/link";
import type { RunsOn } from "@/lib/server/applications";
import type { DeploymentCounts } from "@/lib/server/deployments-query";

// What a template's deployments amount to now: where it runs (its applications: cluster /
// namespace / app, version), and what the history holds by outcome — not one count that mixes
// failed attempts and undeploys with what runs.
export function RunsOnList({ apps, limit = 10 }: { apps: RunsOn[] | undefined; limit?: number }) {
  if (!apps?.length) return <span className="text-slate-500">not running anywhere</span>;
  return (
    <>
      {apps.slice(0, limit).map((a) => (
        <Link key={`${a.clusterId}/${a.namespace}/${a.appName}`} href={`/applications/${a.clusterId}/${a.namespace}/${a.appName}`} className="block text-brand-700 hover:underline">
          {a.clusterName}/{a.namespace}/{a.appName} (v{a.version ?? "?"})
        </Link>
      ))}
      {apps.length > limit ? <span className="block text-slate-500">{`and ${apps.length - limit} more`}</span> : null}
    </>
  );
}

export function historyLine(counts: DeploymentCounts | undefined): string {
  if (!counts?.total) return "none yet";
  const parts = [`${counts.applied} applied`, counts.failed ? `${counts.failed} failed` : "", counts.undeploys ? `${counts.undeploys} undeploy${counts.undeploys === 1 ? "" : "s"}` : ""].filter(Boolean);
  return `${counts.total} record${counts.total === 1 ? "" : "s"} (${parts.join(", ")})`;
}
