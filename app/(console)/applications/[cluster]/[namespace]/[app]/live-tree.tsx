import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { getApplicationDetail, type AppLiveDetail, type Panel } from "@/lib/server/applications-detail";
import type { AppKey } from "@/lib/server/applications-input";
import type { Ctx } from "@/lib/server/authz";
import { formatDateTime } from "@/lib/i18n/format";
import type { Msg } from "@/lib/i18n/message";
import { requestTranslator } from "@/lib/server/translate";
import { HealthBadge, LiveUnavailable, SyncBadge } from "../../../live-badges";
import { DeletePodButton, RestartButton, ScaleForm } from "./app-actions";
import { LogsPanel } from "./logs-panel";

// The live object tree of one app, read now with the viewer's own credential (streamed in).
// Pod phases, Kubernetes names and the cluster's events stay as the cluster says them.
const NOT_CREATED = "not created"; // the phase detail-view gives an ordinal with no pod yet
export async function LiveTree({ ctx, appKey, canAct }: { ctx: Ctx; appKey: AppKey; canAct: boolean }) {
  const { live } = await getApplicationDetail(ctx, appKey);
  const [t, locale, text] = await Promise.all([getTranslations("applications"), getLocale(), requestTranslator()]);
  if (live.state !== "ok") {
    return (
      <section className="card p-4" aria-label={t("live.label")}>
        <LiveUnavailable message={live.message} msg={(live as { msg?: Msg }).msg} testId={live.state === "no_credential" ? "live-no-credential" : "live-unavailable"} />
      </section>
    );
  }
  const base = `/api/applications/${appKey.clusterId}/${appKey.namespace}/${appKey.appName}/logs`;
  return (
    <div className="space-y-6">
      <section className="card flex flex-wrap items-start gap-6 p-4" aria-label={t("live.label")}>
        <div><p className="text-xs font-medium uppercase text-slate-500">{t("live.health")}</p>{live.health ? <HealthBadge health={live.health} /> : null}</div>
        <div><p className="text-xs font-medium uppercase text-slate-500">{t("live.sync")}</p>{live.sync ? <SyncBadge sync={live.sync} /> : null}</div>
        {live.statefulSet ? (
          <div className="text-sm">
            <p className="text-xs font-medium uppercase text-slate-500">{t("live.statefulSet", { name: live.statefulSet.name })}</p>
            {t("live.counts", { ready: live.statefulSet.ready, replicas: live.statefulSet.replicas, updated: live.statefulSet.updated })} <code className="text-xs">{live.statefulSet.updateRevision}</code>
          </div>
        ) : null}
        {canAct && live.statefulSet ? (
          <div className="ml-auto flex flex-wrap items-end gap-4">
            {live.autoscaled ? <p className="text-xs text-slate-600">{t("live.autoscaled")}</p> : <ScaleForm k={appKey} replicas={live.statefulSet.replicas} />}
            <RestartButton k={appKey} />
          </div>
        ) : null}
      </section>

      <Section title={t("live.pods")} panel="pods" live={live}>
        <table className="data-table" aria-label={t("live.pods")}>
          <thead><tr><th>#</th><th>{t("live.podCols.pod")}</th><th>{t("live.podCols.phase")}</th><th>{t("live.podCols.ready")}</th><th>{t("live.podCols.revision")}</th><th>{t("live.podCols.restarts")}</th><th>{t("live.podCols.lastTermination")}</th><th>{t("live.podCols.node")}</th><th>{t("live.podCols.claims")}</th>{canAct ? <th /> : null}</tr></thead>
          <tbody>
            {live.pods.map((p) => (
              <tr key={p.name} data-testid="pod-row" data-pod={p.name}>
                <td>{p.ordinal}</td>
                <td className="font-mono text-xs">{p.name}{p.waiting ? <span className="block text-red-700">{p.waiting}</span> : null}</td>
                <td>{p.phase === NOT_CREATED ? t("live.notCreated") : p.phase}</td>
                <td data-testid="pod-ready">{p.ready ? t("live.ready") : t("live.notReady")}</td>
                <td className="font-mono text-xs">{p.revision}{p.revision && !p.updated ? ` ${t("live.old")}` : ""}</td>
                <td>{p.restarts}</td>
                <td className="text-xs">{p.lastTermination || "—"}</td>
                <td className="text-xs">{p.node || "—"}</td>
                <td className="text-xs">{p.claims.map((c) => <span key={c.name} className="block">{c.name}: {c.phase} {c.capacity} {c.storageClass}</span>)}</td>
                {canAct ? <td>{p.phase !== NOT_CREATED ? <DeletePodButton k={appKey} pod={p.name} /> : null}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section title={t("live.reach")} panel="ingresses" live={live}>
        {live.reach.length === 0 ? <p className="text-sm text-slate-600">{t("live.noReach")}</p> : (
          <ul className="space-y-2 text-sm" data-testid="reach">
            {live.reach.map((r, i) => (
              <li key={i}>
                {r.url ? <a className="font-mono text-brand-700 underline" href={r.url.startsWith("http") ? r.url : undefined}>{r.url}</a> : null} <span className="text-slate-600">{t("live.via", { via: r.via })}</span>
                {r.note ? <span className="block text-xs text-slate-600">{text(r.noteMsg ?? r.note)}</span> : null}
                {r.hostsLine ? <code className="mt-1 block w-fit rounded bg-slate-100 px-2 py-1 text-xs" data-testid="hosts-line">{r.hostsLine}</code> : null}
              </li>
            ))}
          </ul>
        )}
        {live.ingresses.map((ing) => (
          <div key={ing.name} className="mt-3 text-sm" data-testid="ingress">
            <p className="font-medium">{t("live.ingress", { name: ing.name })}{ing.className ? ` ${t("live.ingressClass", { name: ing.className })}` : ""} · {t("live.address", { list: ing.addresses.join(", ") || t("live.noAddress") })}</p>
            <ul className="ml-4 list-disc text-xs">
              {ing.rules.flatMap((r) => r.paths.map((p) => <li key={`${r.host}${p.path}`}>{r.host || "*"}{p.path} → {p.service}:{p.port}</li>))}
              {ing.tls.map((tls) => <li key={tls.secretName}>{t("live.tls", { hosts: tls.hosts.join(", "), secret: tls.secretName })}</li>)}
            </ul>
          </div>
        ))}
      </Section>

      <Section title={t("live.services")} panel="services" live={live} extra={live.panels.endpoints ? t("live.endpointsProblem", { problem: text(live.panelMsgs.endpoints ?? live.panels.endpoints) }) : ""}>
        <table className="data-table" aria-label={t("live.services")}>
          <thead><tr><th>{t("live.serviceCols.service")}</th><th>{t("live.serviceCols.type")}</th><th>{t("live.serviceCols.clusterIp")}</th><th>{t("live.serviceCols.ports")}</th><th>{t("live.serviceCols.endpoints")}</th></tr></thead>
          <tbody>
            {live.services.map((s) => (
              <tr key={s.name}>
                <td className="font-mono text-xs">{s.name}</td><td>{s.type}</td><td className="text-xs">{s.clusterIP}</td>
                <td className="text-xs">{s.ports.join(", ")}</td>
                <td className="text-xs">{s.endpoints.length ? s.endpoints.map((e) => <span key={`${e.address}${e.pod}`} className="block">{e.address} {e.pod ? `(${e.pod})` : ""} {e.ready ? "" : t("live.notReady")}</span>) : t("live.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      {live.autoscalers.length || live.cronJobs.length || live.panels.autoscalers ? (
        <Section title={t("live.scaling")} panel="autoscalers" live={live}>
          {live.autoscalers.map((h) => (
            <p key={h.name} className="text-sm" data-testid="hpa">{t("live.hpa", { name: h.name, current: h.current, desired: h.desired, min: h.min, max: h.max })} · {h.metricMsgs.map(text).join(t("live.hpaMetricsJoin"))}</p>
          ))}
          {live.cronJobs.map((j) => (
            <p key={j.name} className="text-sm" data-testid="cron-job">
              {t("live.cron", { name: j.name, schedule: j.schedule, size: j.targetSize })} {j.state ? `(${j.state})` : ""}
              {j.pickedUp ? null : <span className="text-amber-800"> {t("cronNotPickedUp")}</span>}
            </p>
          ))}
          {live.panels.cronJobs ? <p className="text-sm text-amber-800">{text(live.panelMsgs.cronJobs ?? live.panels.cronJobs)}</p> : null}
        </Section>
      ) : null}

      <Section title={t("live.claims")} panel="claims" live={live}>
        <ul className="text-sm">{live.claims.map((c) => <li key={c.name} className="font-mono text-xs">{t("live.claimLine", { name: c.name, phase: c.phase, capacity: c.capacity || "?", storageClass: c.storageClass || t("live.defaultClass") })}{c.volume ? t("live.claimVolume", { volume: c.volume }) : ""}</li>)}</ul>
      </Section>

      <Section title={t("live.events")} panel="events" live={live}>
        {live.events.length === 0 ? <p className="text-sm text-slate-600">{t("live.noEvents")}</p> : (
          <table className="data-table" aria-label={t("live.eventsTable")}>
            <thead><tr><th>{t("live.eventCols.when")}</th><th>{t("live.eventCols.type")}</th><th>{t("live.eventCols.reason")}</th><th>{t("live.eventCols.object")}</th><th>{t("live.eventCols.message")}</th></tr></thead>
            <tbody>
              {live.events.map((e, i) => (
                <tr key={i} className={e.type === "Warning" ? "bg-amber-50" : undefined} data-testid="event-row" data-type={e.type}>
                  <td className="whitespace-nowrap text-xs">{formatDateTime(locale, new Date(e.at))}</td>
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
        <h2 id="logs-h" className="text-base font-semibold">{t("live.logs")}</h2>
        <LogsPanel base={base} pods={live.pods.filter((p) => p.phase !== NOT_CREATED).map((p) => ({ name: p.name, containers: p.containers }))} />
      </section>
    </div>
  );
}

function Section({ title, panel, live, extra, children }: { title: string; panel: Panel; live: AppLiveDetail; extra?: string; children: ReactNode }) {
  const error = live.panelMsgs[panel] ?? live.panels[panel];
  const id = `sec-${panel}`;
  return (
    <section aria-labelledby={id} className="card overflow-x-auto p-4" data-testid={`panel-${panel}`}>
      <h2 id={id} className="mb-2 text-base font-semibold">{title}</h2>
      {error ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="panel-error">{typeof error === "string" ? error : <PanelProblem problem={error} />}</p> : children}
      {extra ? <p className="mt-2 text-xs text-amber-800">{extra}</p> : null}
    </section>
  );
}

/** A panel's problem in Berth's words, in the reader's language. */
async function PanelProblem({ problem }: { problem: Msg }) {
  return (await requestTranslator())(problem);
}
