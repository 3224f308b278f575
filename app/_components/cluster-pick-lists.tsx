import { getTranslations } from "next-intl/server";
import { listClusters } from "@/lib/server/clusters";
import type { Ctx } from "@/lib/server/authz";
import { INGRESS_CLASS_LIST, STORAGE_CLASS_LIST } from "./pick-list-ids";

// <datalist>s of what the team's clusters have (as the caller's own credentials last saw them):
// storage classes and ingress classes. Fields point at them with `list=…`; typing any other
// value stays possible.

export async function ClusterPickLists({ ctx }: { ctx: Ctx }) {
  const [clusters, t] = await Promise.all([listClusters(ctx), getTranslations("common")]);
  const options = (pick: (c: (typeof clusters)[number]) => { names: string[]; default: string | null } | null | undefined) => {
    const byName = new Map<string, string[]>();
    for (const c of clusters) {
      const l = pick(c);
      for (const n of l?.names ?? []) byName.set(n, [...(byName.get(n) ?? []), n === l?.default ? t("defaultClass", { name: c.name }) : c.name]);
    }
    return [...byName].sort(([a], [b]) => a.localeCompare(b));
  };
  return (
    <>
      <datalist id={STORAGE_CLASS_LIST}>
        {options((c) => c.myCredential?.capabilities?.storageClasses).map(([n, where]) => (
          <option key={n} value={n} label={`${n} — ${where.join(", ")}`} />
        ))}
      </datalist>
      <datalist id={INGRESS_CLASS_LIST}>
        {options((c) => c.myCredential?.capabilities?.ingressClasses).map(([n, where]) => (
          <option key={n} value={n} label={`${n} — ${where.join(", ")}`} />
        ))}
      </datalist>
    </>
  );
}
