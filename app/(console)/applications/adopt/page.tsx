import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader } from "@/app/_components/empty-state";
import { FilterSelect, FilterText } from "@/app/_components/filter-fields";
import { ADOPT_LIST_LIMIT, adoptTargetSchema, listUnmanaged, type UnmanagedList } from "@/lib/server/applications-adopt";
import { listClusters } from "@/lib/server/clusters";
import { requireTeamWorkspace } from "@/lib/server/session";
import { useTranslations } from "next-intl";
import type { Msg } from "@/lib/i18n/message";
import { useLocalized } from "../live-badges";
import { AdoptButton } from "./adopt-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("applications.adopt"))("metaTitle") };
}

type Search = Record<string, string | string[] | undefined>;

// StatefulSets in a namespace that Berth did not deploy, read with the viewer's own kubeconfig;
// each can be imported into a new template from its live objects.
export default async function AdoptPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requireTeamWorkspace();
  const t = await getTranslations("applications");
  const sp = await searchParams;
  const clusters = (await listClusters(ctx)).filter((c) => c.myCredential);
  const target = adoptTargetSchema.safeParse({ clusterId: sp.cluster, namespace: sp.namespace });
  const list: UnmanagedList | null = target.success ? await listUnmanaged(ctx, target.data) : null;
  const badNamespace = typeof sp.namespace === "string" && sp.namespace !== "" && !target.success;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("adopt.title")}
        description={t("adopt.description")}
        actions={<Link href="/applications" className="btn-secondary">{t("adopt.back")}</Link>}
      />
      <form method="get" className="card flex flex-wrap items-end gap-3 p-3" aria-label={t("adopt.choose")}>
        <FilterSelect name="cluster" label={t("cluster")} value={typeof sp.cluster === "string" ? sp.cluster : undefined} options={clusters.map((c) => [c.id, c.name])} />
        <FilterText name="namespace" label={t("namespace")} value={typeof sp.namespace === "string" ? sp.namespace : undefined} placeholder="default" maxLength={63} />
        <button type="submit" className="btn-secondary">{t("adopt.list")}</button>
        {badNamespace ? <p role="alert" className="text-sm text-red-700">{t("adopt.badNamespace")}</p> : null}
      </form>
      {clusters.length === 0 ? <p className="text-sm text-slate-600">{t("adopt.noCredential")}</p> : null}
      {list ? <Unmanaged list={list} clusterId={target.data!.clusterId} namespace={target.data!.namespace} /> : null}
    </div>
  );
}

function Unmanaged({ list, clusterId, namespace }: { list: UnmanagedList; clusterId: string; namespace: string }) {
  const t = useTranslations("applications.adopt");
  const problem = useLocalized(list.message, (list as { msg?: Msg }).msg);
  if (list.state !== "ok") {
    return (
      <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid={`adopt-${list.state}`}>
        {problem}
      </p>
    );
  }
  if (list.items.length === 0) return <p className="text-sm text-slate-600" data-testid="adopt-none">{t("none", { namespace, cluster: list.clusterName })}</p>;
  return (
    <div className="card overflow-x-auto">
      {list.truncated ? <p role="status" className="p-3 text-sm text-amber-800">{t("truncated", { n: ADOPT_LIST_LIMIT })}</p> : null}
      <table className="data-table" aria-label={t("table")}>
        <thead>
          <tr>
            <th>StatefulSet</th>
            <th>{t("cols.images")}</th>
            <th>{t("cols.ready")}</th>
            <th>{t("cols.managedBy")}</th>
            <th>{t("cols.adopt")}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((s) => (
            <tr key={s.name} data-testid="unmanaged-row" data-name={s.name}>
              <td className="font-mono text-xs">{s.name}</td>
              <td className="font-mono text-xs">{s.images.join(", ")}</td>
              <td>{s.ready}/{s.replicas}</td>
              <td className="text-xs">{s.managers.join(", ") || "—"}</td>
              <td><AdoptButton clusterId={clusterId} namespace={namespace} statefulSet={s.name} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
