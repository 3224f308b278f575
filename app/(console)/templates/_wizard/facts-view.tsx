import { useTranslations } from "next-intl";
import { headlessServiceName } from "@/lib/manifests/naming";
import type { AppSpec } from "@/lib/manifests/model/app-spec";

// The StatefulSet's four promises, shown with this app's own names. Markup only: the page renders
// the first one on the server, statefulset-facts.tsx keeps them up to date as the user types.
function ordinals(replicas: number): number[] {
  const n = Number.isFinite(replicas) ? Math.max(0, Math.min(replicas, 3)) : 0;
  return Array.from({ length: n }, (_, i) => i);
}

export function PodNames({ spec }: { spec: Pick<AppSpec, "name" | "replicas"> }) {
  const t = useTranslations("wizard.facts");
  const name = spec.name || "<name>";
  const more = spec.replicas > 3 ? ` … ${name}-${spec.replicas - 1}` : "";
  return (
    <span className="font-mono" data-testid="pod-names">
      {ordinals(spec.replicas).map((i) => `${name}-${i}`).join(", ") || t("noPods")}
      {more}
    </span>
  );
}

export function IdentityFactsView({ spec }: { spec: AppSpec }) {
  const t = useTranslations("wizard.facts");
  const name = spec.name || "<name>";
  const svc = headlessServiceName({ name, headlessServiceName: spec.headlessServiceName });
  return (
    <aside className="rounded-md border border-brand-100 bg-brand-50 p-3 text-xs text-slate-700" aria-label={t("guarantees")}>
      <p>
        {t.rich("orderedPods", { strong: (c) => <strong>{c}</strong>, pods: () => <PodNames spec={spec} /> })}
      </p>
      <p className="mt-1">
        {t.rich("networkIdentity", {
          strong: (c) => <strong>{c}</strong>,
          service: () => <code className="font-mono">{svc}</code>,
          hostname: () => <code className="font-mono" data-testid="pod-hostname">{`${name}-0.${svc}.<namespace>.svc`}</code>,
        })}
      </p>
    </aside>
  );
}

export function StorageFactsView({ spec, claim }: { spec: AppSpec; claim: string }) {
  const t = useTranslations("wizard.facts");
  const name = spec.name || "<name>";
  const claimName = claim || "<claim>";
  return (
    <p className="text-xs text-slate-600" data-testid="pvc-names">
      {t.rich("ownVolume", {
        claims: () => <span className="font-mono">{ordinals(spec.replicas).map((i) => `${claimName}-${name}-${i}`).join(", ") || `${claimName}-${name}-0`}</span>,
      })}
    </p>
  );
}
