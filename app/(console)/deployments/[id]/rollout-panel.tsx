"use client";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/lib/i18n/format";
import { useEffect, useState } from "react";
import type { RolloutView } from "@/lib/server/k8s/rollout";

// Live rollout per ordinal, polled from /api/deployments/[id]/rollout (state is read from the
// cluster on every poll). Polling slows down once the rollout is ready.
const STATE_STYLE: Record<string, string> = {
  ready: "bg-green-100 text-green-800",
  progressing: "bg-blue-100 text-blue-800",
  stalled: "bg-red-100 text-red-800",
  missing: "bg-slate-100 text-slate-700",
  unavailable: "bg-amber-100 text-amber-900",
};

export function RolloutPanel({ deploymentId }: { deploymentId: string }) {
  const t = useTranslations("deployments.rollout");
  const locale = useLocale();
  const [view, setView] = useState<RolloutView | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const res = await fetch(`/api/deployments/${deploymentId}/rollout`, { cache: "no-store" });
        const body = await res.json();
        if (stop) return;
        if (res.ok) {
          setView(body as RolloutView);
          setError("");
        } else setError(body.error ?? `HTTP ${res.status}`);
        timer = setTimeout(poll, res.ok && (body as RolloutView).state === "ready" ? 10_000 : 1500);
      } catch {
        if (!stop) timer = setTimeout(poll, 3000);
      }
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [deploymentId]);
  return (
    <section aria-labelledby="rollout-h" className="card space-y-3 p-4" data-testid="rollout">
      <h2 id="rollout-h" className="text-base font-semibold">
        {t("title")}{" "}
        {view ? (
          <span className={`badge ${STATE_STYLE[view.state] ?? ""}`} data-testid="rollout-state">
            {t(`states.${view.state}`)}
          </span>
        ) : null}
      </h2>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {!view && !error ? <p className="text-sm text-slate-500">{t("reading")}</p> : null}
      {view?.reason ? <p className={`text-sm ${view.state === "stalled" ? "text-red-700" : "text-slate-600"}`}>{view.reason}</p> : null}
      {view?.tooManyToList ? (
        <p className="text-sm text-slate-600" data-testid="rollout-too-many">
          {t("tooMany", { ready: view.readyReplicas, replicas: view.replicas, updated: view.updatedReplicas })}
        </p>
      ) : null}
      {view && view.pods.length ? (
        <>
          <p className="text-xs text-slate-500" data-testid="rollout-count">
            <span data-testid="rollout-ready">{t("readyCount", { ready: Math.min(view.readyReplicas, view.replicas), replicas: view.replicas })}</span>
            {view.autoscaler
              ? ` ${t("autoscaler", { name: view.autoscaler.name, min: view.autoscaler.minReplicas, max: view.autoscaler.maxReplicas, wants: view.autoscaler.desiredReplicas ?? -1 })}`
              : ""}{" "}
            · {t("revision", { revision: view.updateRevision || "—" })} · {t("checked", { time: formatDateTime(locale, new Date(view.checkedAt)) })}
          </p>
          {view.schedule ? (
            <p className="text-xs text-slate-600" data-testid="rollout-schedule">
              {view.schedule.jobs.length
                ? t("schedule", { name: view.schedule.name, jobs: view.schedule.jobs.map((j) => `${j.name} (${j.schedule}) → ${j.targetSize}`).join(", ") })
                : t("scheduleNoJobs", { name: view.schedule.name })}{" "}
              {view.schedule.pickedUp ? t("schedulePickedUp") : t("scheduleNotPickedUp")}
            </p>
          ) : null}
          <table className="data-table" aria-label={t("pods")}>
            <thead>
              <tr>
                <th>{t("cols.ordinal")}</th>
                <th>Pod</th>
                <th>{t("cols.phase")}</th>
                <th>{t("cols.ready")}</th>
                <th>{t("cols.revision")}</th>
                <th>{t("cols.restarts")}</th>
                <th>{t("cols.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {view.pods.map((p) => (
                <tr key={p.name} data-testid={`pod-${p.name}`}>
                  <td>{p.ordinal}</td>
                  <td className="font-mono text-xs">{p.name}</td>
                  <td>{p.exists ? p.phase : t("notCreated")}</td>
                  <td data-testid="pod-ready">{p.ready ? t("ready") : t("notReady")}</td>
                  <td className="font-mono text-xs">
                    {p.revision || "—"} {p.exists ? (p.updated ? t("current") : t("old")) : ""}
                  </td>
                  <td>{p.restarts}</td>
                  <td className="text-xs">{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
