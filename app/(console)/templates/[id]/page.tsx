import { utcTime } from "@/app/_components/format-time";
import type { Metadata } from "next";
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
import { historyLine, RunsOnList } from "../deployment-state";
import { ArchiveButton, DuplicateButton, RestoreButton, VisibilityForm } from "./template-controls";
import { VersionDiff } from "./version-diff";

export const metadata: Metadata = { title: "Template" };

const when = (d: Date) => utcTime(d, "minute");

export default async function TemplatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { ctx, role } = await requireTeamWorkspace();
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
                Edit
              </Link>
            ) : null}
            {!t.archived ? (
              <Link href={`/deployments/new?template=${id}&version=${t.latestVersion}`} className="btn-secondary">
                Deploy
              </Link>
            ) : null}
          </>
        }
      />
      {query.saved ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {`Saved version ${query.saved}.`}
        </p>
      ) : null}
      <section className="card grid gap-4 p-4 text-sm md:grid-cols-2" aria-label="About this template">
        <dl className="grid grid-cols-[8rem_1fr] gap-y-1">
          <dt className="text-slate-500">Visibility</dt>
          <dd data-testid="visibility">{t.visibility === "team" ? "Shared with the team" : "Private"}{t.archived ? <span className="badge ml-2 bg-amber-100 text-amber-900">archived</span> : null}</dd>
          <dt className="text-slate-500">Owner</dt>
          <dd>{t.owner.name}</dd>
          <dt className="text-slate-500">Latest version</dt>
          <dd>{`v${t.latestVersion} by ${t.latestAuthor}, ${when(t.updatedAt)}`}</dd>
          <dt className="text-slate-500">Runs on</dt>
          <dd data-testid="template-runs-on"><RunsOnList apps={runsOn} /></dd>
          <dt className="text-slate-500">Deployment history</dt>
          <dd data-testid="template-history">
            {deployments?.total ? <Link className="text-brand-700 underline" href={`/deployments?templateId=${id}`}>{historyLine(deployments)}</Link> : historyLine(deployments)}
          </dd>
          <dt className="text-slate-500">Labels</dt>
          <dd>{t.labels.length ? t.labels.map((l) => <span key={l} className="badge mr-1 bg-slate-100 text-slate-700">{l}</span>) : "—"}</dd>
          <dt className="text-slate-500">Parameters</dt>
          <dd>{latest.parameters.length ? latest.parameters.map((p) => <span key={p.name} className="badge mr-1 bg-amber-100 font-mono text-amber-900">{`${p.name}: ${p.type}${p.default !== undefined ? ` = ${p.default}` : ""}${p.lockedByAdmin ? " (locked)" : ""}`}</span>) : "none"}</dd>
        </dl>
        {spec ? (
          <div className="space-y-1 text-xs text-slate-700" aria-label="StatefulSet identity">
            <p>
              <strong>Pods:</strong> <span className="font-mono">{Array.from({ length: Math.min(spec.replicas, 3) }, (_, i) => `${spec.name}-${i}`).join(", ")}{spec.replicas > 3 ? ` … ${spec.name}-${spec.replicas - 1}` : ""}</span>
            </p>
            <p>
              <strong>Headless Service:</strong> <span className="font-mono">{headlessServiceName(spec)}</span>, hostnames <span className="font-mono">{`${spec.name}-0.${headlessServiceName(spec)}.<namespace>.svc`}</span>
            </p>
            {spec.volumeClaimTemplates.map((c) => (
              <p key={c.name}>
                <strong>Per-pod volume {c.name}:</strong> <span className="font-mono">{`${c.name}-${spec.name}-0 …`}</span> ({c.size}); kept when scaling down.
              </p>
            ))}
          </div>
        ) : null}
      </section>
      <section className="flex flex-wrap items-start gap-3" aria-label="Template actions">
        {canWrite ? <DuplicateButton templateId={id} /> : null}
        {t.can.archive ? <ArchiveButton templateId={id} archived={t.archived} /> : null}
        {t.can.share ? <VisibilityForm templateId={id} visibility={t.visibility} /> : null}
        <a href={`/templates/${id}/export?version=${t.latestVersion}&format=yaml`} className="btn-secondary" download>
          Export YAML
        </a>
        <a href={`/templates/${id}/export?version=${t.latestVersion}&format=template`} className="btn-secondary" download>
          Export template file
        </a>
      </section>
      <section className="card overflow-x-auto" aria-labelledby="versions-h">
        <h2 id="versions-h" className="px-4 pt-4 text-sm font-semibold">
          Versions ({t.versions.length})
        </h2>
        <table className="data-table mt-2">
          <thead>
            <tr>
              <th>Version</th>
              <th>Message</th>
              <th>Author</th>
              <th>Saved</th>
              <th><span className="sr-only">Actions</span></th>
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
            Compare versions
          </h2>
          <form className="flex flex-wrap items-end gap-2" method="get">
            <div>
              <label htmlFor="cmp-from" className="label">
                From
              </label>
              <select id="cmp-from" name="from" defaultValue={from} className="input w-auto">
                {t.versions.map((v) => <option key={v.version} value={v.version}>{`v${v.version}`}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="cmp-to" className="label">
                To
              </label>
              <select id="cmp-to" name="to" defaultValue={to} className="input w-auto">
                {t.versions.map((v) => <option key={v.version} value={v.version}>{`v${v.version}`}</option>)}
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              Compare
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
