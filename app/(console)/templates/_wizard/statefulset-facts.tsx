"use client";
import { useWatch } from "react-hook-form";
import { headlessServiceName, type AppSpec } from "@/lib/manifests";
import type { WizardValues } from "./types";

// The StatefulSet's four promises, shown with this app's own names.
function ordinals(replicas: number): number[] {
  const n = Number.isFinite(replicas) ? Math.max(0, Math.min(replicas, 3)) : 0;
  return Array.from({ length: n }, (_, i) => i);
}

export function PodNames({ spec }: { spec: Pick<AppSpec, "name" | "replicas"> }) {
  const name = spec.name || "<name>";
  const more = spec.replicas > 3 ? ` … ${name}-${spec.replicas - 1}` : "";
  return (
    <span className="font-mono" data-testid="pod-names">
      {ordinals(spec.replicas).map((i) => `${name}-${i}`).join(", ") || "(no pods at 0 replicas)"}
      {more}
    </span>
  );
}

export function IdentityFacts() {
  const spec = useWatch<WizardValues, "spec">({ name: "spec" });
  const name = spec.name || "<name>";
  const svc = headlessServiceName({ name, headlessServiceName: spec.headlessServiceName });
  return (
    <aside className="rounded-md border border-brand-100 bg-brand-50 p-3 text-xs text-slate-700" aria-label="What the StatefulSet guarantees">
      <p>
        <strong>Stable, ordered pods:</strong> <PodNames spec={spec} />, started in order and stopped in reverse.
      </p>
      <p className="mt-1">
        <strong>Stable network identity:</strong> the headless Service <code className="font-mono">{svc}</code> gives each pod a hostname such as{" "}
        <code className="font-mono" data-testid="pod-hostname">{`${name}-0.${svc}.<namespace>.svc`}</code>.
      </p>
    </aside>
  );
}

export function StorageFacts({ claim }: { claim: string }) {
  const spec = useWatch<WizardValues, "spec">({ name: "spec" });
  const name = spec.name || "<name>";
  const claimName = claim || "<claim>";
  return (
    <p className="text-xs text-slate-600" data-testid="pvc-names">
      Each pod gets its own volume: <span className="font-mono">{ordinals(spec.replicas).map((i) => `${claimName}-${name}-${i}`).join(", ") || `${claimName}-${name}-0`}</span>.
      Scaling down or deleting the app keeps the volumes (their data comes back when the pod does).
    </p>
  );
}
