import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { listClusters } from "@/lib/server/clusters";
import { whereTemplateRuns } from "@/lib/server/deployments-query";
import { listDeployableTemplates, loadDeployableVersion } from "@/lib/server/deployments-render";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DeployForm } from "./deploy-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("deploy"))("newTitle") };
}

export default async function NewDeploymentPage({ searchParams }: { searchParams: Promise<{ template?: string; version?: string }> }) {
  const { ctx, role } = await requireTeamWorkspace();
  const { template, version } = await searchParams;
  const t = await getTranslations("deploy");
  if (!template) {
    const templates = await listDeployableTemplates(ctx);
    return (
      <div>
        <PageHeader title={t("newTitle")} description={t("chooseTemplate")} />
        {templates.length === 0 ? (
          <EmptyState title={t("noTemplates")}>{t("noTemplatesHelp")}</EmptyState>
        ) : (
          <ul className="card divide-y divide-slate-100">
            {templates.map((t) => (
              <li key={t.id} className="px-4 py-3">
                <Link className="font-medium text-brand-700 hover:underline" href={`/deployments/new?template=${t.id}&version=${t.latestVersion}`}>
                  {t.name}
                </Link>{" "}
                <span className="text-xs text-slate-500">v{t.latestVersion}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  const n = Number(version);
  const [deployable, clusters, runs] = await Promise.all([
    loadDeployableVersion(ctx, template, Number.isInteger(n) && n > 0 ? n : undefined).catch((e) => {
      if (e instanceof AppError && e.code === "not_found") notFound();
      throw e;
    }),
    listClusters(ctx),
    whereTemplateRuns(ctx, template),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title", { template: deployable.templateName })}
        description={t("help", { app: deployable.appName })}
      />
      <nav aria-label={t("versions")} className="flex flex-wrap gap-2 text-sm">
        {deployable.versions.map((v) => (
          <Link key={v} href={`/deployments/new?template=${deployable.templateId}&version=${v}`} aria-current={v === deployable.version ? "page" : undefined} className={v === deployable.version ? "badge bg-brand-600 text-white" : "badge bg-slate-100 text-slate-700"}>
            v{v}
          </Link>
        ))}
      </nav>
      <DeployForm
        key={`${deployable.templateId}@${deployable.version}`}
        deployable={deployable}
        canBreakGlass={role === "owner"}
        clusters={clusters.map((c) => ({
          id: c.id,
          name: c.name,
          namespace: c.myCredential?.namespace ?? null,
          namespaces: c.myCredential?.capabilities?.namespaces ?? null,
          runsIn: runs.find((r) => r.clusterId === c.id)?.namespace ?? null,
        }))}
      />
    </div>
  );
}
