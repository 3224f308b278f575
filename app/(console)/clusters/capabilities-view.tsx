import type { CredentialView } from "@/lib/server/clusters";
import { useTranslations } from "next-intl";
import { utcTime } from "@/app/_components/format-time";

// What the cluster serves, as my credential saw it at the last attach, test or plan: the
// features the seed's example needs, and plainly what is missing.
export function CapabilitiesView({ credential, profile }: { credential: CredentialView; profile: string }) {
  const t = useTranslations("clusters.cronController");
  const c = credential.capabilities;
  if (!c) return <p className="text-xs text-slate-500">Not checked yet: “Test connection” discovers what this cluster serves.</p>;
  const list = (l: { names: string[]; default: string | null } | null, what: string) =>
    l === null ? `unknown (you may not list ${what})` : l.names.length === 0 ? "none" : l.names.map((n) => (n === l.default ? `${n} (default)` : n)).join(", ");
  const metrics = { available: "served (autoscalers can measure CPU and memory)", unavailable: "registered but not answering", missing: "not installed", unknown: "unknown" }[c.metrics];
  return (
    <section aria-label="What this cluster serves" className="space-y-2 rounded-md border border-slate-200 p-3 text-sm" data-testid="cluster-capabilities">
      <h3 className="text-sm font-semibold">
        What this cluster serves <span className="font-normal text-slate-500">(checked {utcTime(new Date(c.checkedAt), "minute")})</span>
      </h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-500">Scheduled scaling</dt>
        <dd data-testid="cron-hpa-state">{c.cronHpa ? `CronHorizontalPodAutoscaler CRD installed; ${t(c.cronHpaController ?? "unknown")}` : "no CronHorizontalPodAutoscaler CRD"}</dd>
        <dt className="text-slate-500">Metrics API</dt>
        <dd>{metrics}</dd>
        <dt className="text-slate-500">Storage classes</dt>
        <dd>{list(c.storageClasses, "StorageClasses")}</dd>
        <dt className="text-slate-500">Ingress classes</dt>
        <dd>{list(c.ingressClasses, "IngressClasses")}</dd>
        <dt className="text-slate-500">Namespaces</dt>
        <dd>{c.namespaces === null ? "unknown (you may not list namespaces)" : `${c.namespaces.length}${c.namespaces.length ? `: ${c.namespaces.slice(0, 12).join(", ")}${c.namespaces.length > 12 ? ", …" : ""}` : ""}`}</dd>
      </dl>
      {credential.missing.length ? (
        <ul className="space-y-1" data-testid="cluster-missing">
          {credential.missing.map((m) => (
            <li key={m} className="rounded bg-amber-50 px-2 py-1 text-amber-900">
              ⚠ {m}
            </li>
          ))}
        </ul>
      ) : null}
      {profile !== "alibabacloud" ? (
        <p className="text-xs text-slate-500">
          Generic profile: the Alibaba Cloud features (scheduled scaling, log collection variables, instance type and QoS labels) are flagged on every plan for this cluster;
          scheduled scaling deploys only where the CronHorizontalPodAutoscaler CRD is installed.
        </p>
      ) : null}
    </section>
  );
}
