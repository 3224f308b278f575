import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { getApplicationDetail, type AppLiveDetail, type Panel } from "@/lib/server/applications-detail";
import type { AppKey } from "@/lib/server/applications-input";
import type { Ctx } from "@/lib/server/authz";
import { utcTime } from "@/app/_components/format-time";
import { HealthBadge, LiveUnavailable, SyncBadge } from "../../../live-badges";
import { DeletePodButton, RestartButton, ScaleForm } from "./app-actions";
import { LogsPanel } from "./logs-panel";

// The live object tree of one app, read now with the viewer's own credential (streamed in).
export async function LiveTree({ ctx, appKey, canAct }: { ctx: Ctx; appKey: AppKey; canAct: boolean }) {
  const { live } = await getApplicationDetail(ctx, appKey);
  const t = await getTranslations("applications");
  if (live.state !== "ok") {
    return (
      <section className="card p-4" aria-label="Live state">
        <LiveUnavailable message={live.message} testId={live.state === "no_credential" ? "live-no-credential" : "live-unavailable"} />
      </section>
    );
  }
  const base = `/api/applications/${appKey.clusterId}/${appKey.namespace}/${appKey.appName}/logs`;
  return (
    <div className="space-y-6">
      <section className="card flex flex-wrap items-start gap-6 p-4" aria-label="Live state">
        <div><p className="text-xs font-medium uppercase text-slate-500">Health</p>{live.health ? <HealthBadge health={live.health} /> : null}</div>
        <div><p className="text-xs font-medium uppercase text-slate-500">Sync (fields the manifest sets)</p>{live.sync ? <SyncBadge sync={live.sync} /> : null}</div>
        {live.statefulSet ? (
          <div className="text-sm">
            <p className="text-xs font-medium uppercase text-slate-500">StatefulSet {live.statefulSet.name}</p>
            {live.statefulSet.ready}/{live.statefulSet.replicas} ready · {live.statefulSet.updated} updated · revision <code className="text-xs">{live.statefulSet.updateRevision}</code>
          </div>
        ) : null}
        {canAct && live.statefulSet ? (
          <div className="ml-auto flex flex-wrap items-end gap-4">
            {live.autoscaled ? <p className="text-xs text-slate-600">The autoscaler owns the replica count.</p> : <ScaleForm k={appKey} replicas={live.statefulSet.replicas} />}
            <RestartButton k={appKey} />
          </div>
        ) : null}
      </section>

      <Section title="Pods" panel="pods" live={live}>
        <table className="data-table" aria-label="Pods">
          <thead><tr><th>#</th><th>Pod</th><th>Phase</th><th>Ready</th><th>Revision</th><th>Restarts</th><th>Last termination</th><th>Node</th><th>Volume claims</th>{canAct ? <th /> : null}</tr></thead>
          <tbody>
            {live.pods.map((p) => (
              <tr key={p.name} data-testid="pod-row" data-pod={p.name}>
                <td>{p.ordinal}</td>
                <td className="font-mono text-xs">{p.name}{p.waiting ? <span className="block text-red-700">{p.waiting}</span> : null}</td>
                <td>{p.phase}</td>
                <td data-testid="pod-ready">{p.ready ? "Ready" : "not ready"}</td>
                <td className="font-mono text-xs">{p.revision}{p.revision && !p.updated ? " (old)" : ""}</td>
                <td>{p.restarts}</td>
                <td className="text-xs">{p.lastTermination || "—"}</td>
                <td className="text-xs">{p.node || "—"}</td>
                <td className="text-xs">{p.claims.map((c) => <span key={c.name} className="block">{c.name}: {c.phase} {c.capacity} {c.storageClass}</span>)}</td>
                {canAct ? <td>{p.phase !== "not created" ? <DeletePodButton k={appKey} pod={p.name} /> : null}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section title="How to reach it" panel="ingresses" live={live}>
        {live.reach.length === 0 ? <p className="text-sm text-slate-600">No Service or Ingress.</p> : (
          <ul className="space-y-2 text-sm" data-testid="reach">
            {live.reach.map((r, i) => (
              <li key={i}>
                {r.url ? <a className="font-mono text-brand-700 underline" href={r.url.startsWith("http") ? r.url : undefined}>{r.url}</a> : null} <span className="text-slate-600">via {r.via}</span>
                {r.note ? <span className="block text-xs text-slate-600">{r.note}</span> : null}
                {r.hostsLine ? <code className="mt-1 block w-fit rounded bg-slate-100 px-2 py-1 text-xs" data-testid="hosts-line">{r.hostsLine}</code> : null}
              </li>
            ))}
          </ul>
        )}
        {live.ingresses.map((ing) => (
          <div key={ing.name} className="mt-3 text-sm" data-testid="ingress">
            <p className="font-medium">Ingress {ing.name}{ing.className ? ` (class ${ing.className})` : ""} · address {ing.addresses.join(", ") || "none yet"}</p>
            <ul className="ml-4 list-disc text-xs">
              {ing.rules.flatMap((r) => r.paths.map((p) => <li key={`${r.host}${p.path}`}>{r.host || "*"}{p.path} → {p.service}:{p.port}</li>))}
              {ing.tls.map((t) => <li key={t.secretName}>TLS {t.hosts.join(", ")} (secret {t.secretName})</li>)}
            </ul>
          </div>
        ))}
      </Section>

      <Section title="Services" panel="services" live={live} extra={live.panels.endpoints ? `Endpoints: ${live.panels.endpoints}` : ""}>
        <table className="data-table" aria-label="Services">
          <thead><tr><th>Service</th><th>Type</th><th>Cluster IP</th><th>Ports</th><th>Endpoints</th></tr></thead>
          <tbody>
            {live.services.map((s) => (
              <tr key={s.name}>
                <td className="font-mono text-xs">{s.name}</td><td>{s.type}</td><td className="text-xs">{s.clusterIP}</td>
                <td className="text-xs">{s.ports.join(", ")}</td>
                <td className="text-xs">{s.endpoints.length ? s.endpoints.map((e) => <span key={`${e.address}${e.pod}`} className="block">{e.address} {e.pod ? `(${e.pod})` : ""} {e.ready ? "" : "not ready"}</span>) : "none"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      {live.autoscalers.length || live.cronJobs.length || live.panels.autoscalers ? (
        <Section title="Scaling" panel="autoscalers" live={live}>
          {live.autoscalers.map((h) => (
            <p key={h.name} className="text-sm" data-testid="hpa">HPA {h.name}: {h.current} current / {h.desired} desired (min {h.min}, max {h.max}) · {h.metrics.join("; ")}</p>
          ))}
          {live.cronJobs.map((j) => (
            <p key={j.name} className="text-sm" data-testid="cron-job">
              Cron {j.name}: {j.schedule} → {j.targetSize} replicas {j.state ? `(${j.state})` : ""}
              {j.pickedUp ? null : <span className="text-amber-800"> {t("cronNotPickedUp")}</span>}
            </p>
          ))}
          {live.panels.cronJobs ? <p className="text-sm text-amber-800">{live.panels.cronJobs}</p> : null}
        </Section>
      ) : null}

      <Section title="Volume claims" panel="claims" live={live}>
        <ul className="text-sm">{live.claims.map((c) => <li key={c.name} className="font-mono text-xs">{c.name}: {c.phase}, {c.capacity || "?"}, class {c.storageClass || "default"}{c.volume ? `, volume ${c.volume}` : ""}</li>)}</ul>
      </Section>

      <Section title="Events (newest first)" panel="events" live={live}>
        {live.events.length === 0 ? <p className="text-sm text-slate-600">No events (the API server keeps them about an hour).</p> : (
          <table className="data-table" aria-label="Events">
            <thead><tr><th>When</th><th>Type</th><th>Reason</th><th>Object</th><th>Message</th></tr></thead>
            <tbody>
              {live.events.map((e, i) => (
                <tr key={i} className={e.type === "Warning" ? "bg-amber-50" : undefined} data-testid="event-row" data-type={e.type}>
                  <td className="whitespace-nowrap text-xs">{utcTime(new Date(e.at))}</td>
                  <td className={e.type === "Warning" ? "font-semibold text-amber-800" : ""}>{e.type}</td>
                  <td>{e.reason}{e.count > 1 ? ` ×${e.count}` : ""}</td>
                  <td className="font-mono text-xs">{e.object}</td>
                  <td className="text-xs">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <section aria-labelledby="logs-h" className="card space-y-2 p-4">
        <h2 id="logs-h" className="text-base font-semibold">Logs</h2>
        <LogsPanel base={base} pods={live.pods.filter((p) => p.phase !== "not created").map((p) => ({ name: p.name, containers: p.containers }))} />
      </section>
    </div>
  );
}

function Section({ title, panel, live, extra, children }: { title: string; panel: Panel; live: AppLiveDetail; extra?: string; children: ReactNode }) {
  const error = live.panels[panel];
  const id = `sec-${panel}`;
  return (
    <section aria-labelledby={id} className="card overflow-x-auto p-4" data-testid={`panel-${panel}`}>
      <h2 id={id} className="mb-2 text-base font-semibold">{title}</h2>
      {error ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="panel-error">{error}</p> : children}
      {extra ? <p className="mt-2 text-xs text-amber-800">{extra}</p> : null}
    </section>
  );
}
