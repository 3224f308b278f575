import { useTranslations } from "next-intl";
import Link from "next/link";
import type { RunsOn } from "@/lib/server/applications";
import type { DeploymentCounts } from "@/lib/server/deployments-query";

// What a template's deployments amount to now: where it runs (its applications: cluster /
// namespace / app, version), and what the history holds by outcome — not one count that mixes
// failed attempts and undeploys with what runs.
export function RunsOnList({ apps, limit = 10 }: { apps: RunsOn[] | undefined; limit?: number }) {
  const t = useTranslations("templateState");
  if (!apps?.length) return <span className="text-slate-500">{t("notRunning")}</span>;
  return (
    <>
      {apps.slice(0, limit).map((a) => (
        <Link key={`${a.clusterId}/${a.namespace}/${a.appName}`} href={`/applications/${a.clusterId}/${a.namespace}/${a.appName}`} className="block text-brand-700 hover:underline">
          {a.clusterName}/{a.namespace}/{a.appName} (v{a.version ?? "?"})
        </Link>
      ))}
      {apps.length > limit ? <span className="block text-slate-500">{t("more", { count: apps.length - limit })}</span> : null}
    </>
  );
}

/** "3 records (2 applied, 1 failed)" in the reader's language. */
export function HistoryLine({ counts }: { counts: DeploymentCounts | undefined }) {
  const t = useTranslations("templateState");
  if (!counts?.total) return <>{t("noneYet")}</>;
  const parts = [t("applied", { count: counts.applied }), counts.failed ? t("failed", { count: counts.failed }) : "", counts.undeploys ? t("undeploys", { count: counts.undeploys }) : ""].filter(Boolean);
  return <>{t("records", { count: counts.total, parts: parts.join(t("separator")) })}</>;
}
