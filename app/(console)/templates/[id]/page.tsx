import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/i18n/format";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/empty-state";
import { headlessServiceName, resolveParameters } from "@/lib/manifests";
import { roleAllows } from "@/lib/auth/roles";
import { templatesRunningOn } from "@/lib/server/applications";
import { templateDeploymentCounts } from "@/lib/server/deployments-query";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { getTemplate, getTemplateVersion } from "@/lib/server/templates";
import { compareTemplateVersions } from "@/lib/server/templates-io";
import { HistoryLine, RunsOnList } from "../deployment-state";
import { ArchiveButton, DuplicateButton, RestoreButton, VisibilityForm } from "./template-controls";
import { VersionDiff } from "./version-diff";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("template"))("title") };
}

export default async function TemplatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { ctx, role } = await requireTeamWorkspace();
  const [tr, locale] = await Promise.all([getTranslations("template"), getLocale()]);
  const when = (d: Date) => formatDateTime(locale, d, "minute");
  const t = await getTemplate(ctx, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const [latest, runsOn, deployments] = await Promise.all([
    getTemplateVersion(ctx, id),
    templatesRunningOn(ctx, [id]).then((m) => m.get(id)),
    templateDeploymentCounts(ctx, [id]).then((m) => m.get(id)),
  ]);
  const resolved = resolveParameters({ spec: latest.spec, parameters: latest.parameters }, {});
  const from = clampVersion(query.from, t.latestVersion > 1 ? t.latestVersion - 1 : 1, t.latestVersion);
  const to = clampVersion(query.to, t.latestVersion, t.latestVersion);
  const diff = t.latestVersion > 1 ? await compareTemplateVersions(ctx, id, from, to) : null;
  const canWrite = roleAllows(role, "template.write");
  const spec = resolved.ok ? resolved.spec : null;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t.name}
        description={t.description || undefined}
        actions={
          <>
            {t.can.edit ? (
              <Link href={`/templates/${id}/edit`} className="btn-primary">
                {tr("edit")}
              </Link>
            ) : null}
            {!t.archived ? (
              <Link href={`/deployments/new?template=${id}&version=${t.latestVersion}`} className="btn-secondary">
                {tr("deploy")}
              </Link>
            ) : null}
          </>
        }
      />
      {query.saved ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {tr("saved", { version: query.saved })}
        </p>
      ) : null}
      <section className="card grid gap-4 p-4 text-sm md:grid-cols-2" aria-label={tr("about")}>
        <dl className="grid grid-cols-[8rem_1fr] gap-y-1">
          <dt className="text-slate-500">{tr("visibility")}</dt>
          <dd data-testid="visibility">{t.visibility === "team" ? tr("shared") : tr("private")}{t.archived ? <span className="badge ml-2 bg-amber-100 text-amber-900">{tr("archived")}</span> : null}</dd>
          <dt className="text-slate-500">{tr("owner")}</dt>
          <dd>{t.owner.name}</dd>
          <dt className="text-slate-500">{tr("latest")}</dt>
          <dd>{tr("latestLine", { version: t.latestVersion, author: t.latestAuthor, when: when(t.updatedAt) })}</dd>
          <dt className="text-slate-500">{tr("runsOn")}</dt>
          <dd data-testid="template-runs-on"><RunsOnList apps={runsOn} /></dd>
          <dt className="text-slate-500">{tr("history")}</dt>
          <dd data-testid="template-history">
            {deployments?.total ? <Link className="text-brand-700 underline" href={`/deployments?templateId=${id}`}><HistoryLine counts={deployments} /></Link> : <HistoryLine counts={deployments} />}
          </dd>
          <dt className="text-slate-500">{tr("labels")}</dt>
          <dd>{t.labels.length ? t.labels.map((l) => <span key={l} className="badge mr-1 bg-slate-100 text-slate-700">{l}</span>) : "—"}</dd>
          <dt className="text-slate-500">{tr("parameters")}</dt>
          <dd>{latest.parameters.length ? latest.parameters.map((p) => <span key={p.name} className="badge mr-1 bg-amber-100 font-mono text-amber-900">{`${p.name}: ${p.type}${p.default !== undefined ? ` = ${p.default}` : ""}${p.lockedByAdmin ? ` ${tr("locked")}` : ""}`}</span>) : tr("none")}</dd>
        </dl>
        {spec ? (
          <div className="space-y-1 text-xs text-slate-700" aria-label={tr("identity")}>
            <p>
              <strong>{tr("pods")}</strong> <span className="font-mono">{Array.from({ length: Math.min(spec.replicas, 3) }, (_, i) => `${spec.name}-${i}`).join(", ")}{spec.replicas > 3 ? ` … ${spec.name}-${spec.replicas - 1}` : ""}</span>
            </p>
            <p>
              {tr.rich("headless", {
                strong: (c) => <strong>{c}</strong>,
                service: () => <span className="font-mono">{headlessServiceName(spec)}</span>,
                hostname: () => <span className="font-mono">{`${spec.name}-0.${headlessServiceName(spec)}.<namespace>.svc`}</span>,
              })}
            </p>
            {spec.volumeClaimTemplates.map((c) => (
              <p key={c.name}>
                {tr.rich("perPodVolume", {
                  strong: (x) => <strong>{x}</strong>,
                  name: c.name,
                  claims: () => <span className="font-mono">{`${c.name}-${spec.name}-0 …`}</span>,
                  size: c.size,
                })}
              </p>
            ))}
          </div>
        ) : null}
      </section>
      <section className="flex flex-wrap items-start gap-3" aria-label={tr("actions")}>
        {canWrite ? <DuplicateButton templateId={id} /> : null}
        {t.can.archive ? <ArchiveButton templateId={id} archived={t.archived} /> : null}
        {t.can.share ? <VisibilityForm templateId={id} visibility={t.visibility} /> : null}
        <a href={`/templates/${id}/export?version=${t.latestVersion}&format=yaml`} className="btn-secondary" download>
          {tr("exportYaml")}
        </a>
        <a href={`/templates/${id}/export?version=${t.latestVersion}&format=template`} className="btn-secondary" download>
          {tr("exportFile")}
        </a>
      </section>
      <section className="card overflow-x-auto" aria-labelledby="versions-h">
        <h2 id="versions-h" className="px-4 pt-4 text-sm font-semibold">
          {tr("versions", { count: t.versions.length })}
        </h2>
        <table className="data-table mt-2">
          <thead>
            <tr>
              <th>{tr("cols.version")}</th>
              <th>{tr("cols.message")}</th>
              <th>{tr("cols.author")}</th>
              <th>{tr("cols.saved")}</th>
              <th><span className="sr-only">{tr("cols.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {t.versions.map((v) => (
              <tr key={v.version}>
                <td className="font-mono">{`v${v.version}`}</td>
                <td>{v.message || <span className="text-slate-400">—</span>}</td>
                <td>{v.author}</td>
                <td className="whitespace-nowrap">{when(v.createdAt)}</td>
                <td>
                  <div className="flex flex-wrap justify-end gap-2">
                    <a href={`/templates/${id}/export?version=${v.version}&format=yaml`} className="btn-secondary px-2 py-1 text-xs" download>
                      YAML
                    </a>
                    {t.can.edit && v.version !== t.latestVersion ? <RestoreButton templateId={id} version={v.version} baseVersion={t.latestVersion} /> : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {diff ? (
        <section className="card space-y-3 p-4" aria-labelledby="compare-h">
          <h2 id="compare-h" className="text-sm font-semibold">
            {tr("compare")}
          </h2>
          <form className="flex flex-wrap items-end gap-2" method="get">
            <div>
              <label htmlFor="cmp-from" className="label">
                {tr("from")}
              </label>
              <select id="cmp-from" name="from" defaultValue={from} className="input w-auto">
                {t.versions.map((v) => <option key={v.version} value={v.version}>{`v${v.version}`}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="cmp-to" className="label">
                {tr("to")}
              </label>
              <select id="cmp-to" name="to" defaultValue={to} className="input w-auto">
                {t.versions.map((v) => <option key={v.version} value={v.version}>{`v${v.version}`}</option>)}
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              {tr("compareButton")}
            </button>
          </form>
          <VersionDiff diff={diff} />
        </section>
      ) : null}
    </div>
  );
}

function clampVersion(raw: string | undefined, fallback: number, max: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}
