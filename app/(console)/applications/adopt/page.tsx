import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/empty-state";
import { FilterSelect, FilterText } from "@/app/_components/filter-fields";
import { ADOPT_LIST_LIMIT, adoptTargetSchema, listUnmanaged, type UnmanagedList } from "@/lib/server/applications-adopt";
import { listClusters } from "@/lib/server/clusters";
import { requireTeamWorkspace } from "@/lib/server/session";
import { AdoptButton } from "./adopt-button";

export const metadata: Metadata = { title: "Adopt a running app" };

type Search = Record<string, string | string[] | undefined>;

// StatefulSets in a namespace that Berth did not deploy, read with the viewer's own kubeconfig;
// each can be imported into a new template from its live objects.
export default async function AdoptPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requireTeamWorkspace();
  const sp = await searchParams;
  const clusters = (await listClusters(ctx)).filter((c) => c.myCredential);
  const target = adoptTargetSchema.safeParse({ clusterId: sp.cluster, namespace: sp.namespace });
  const list: UnmanagedList | null = target.success ? await listUnmanaged(ctx, target.data) : null;
  const badNamespace = typeof sp.namespace === "string" && sp.namespace !== "" && !target.success;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Adopt what already runs"
        description="StatefulSets that Berth did not deploy (no Berth deployment, no Berth field manager), listed with your own kubeconfig. Adopting one creates a template from its live objects — its Services, Ingress and autoscalers, never its Secrets."
        actions={<Link href="/applications" className="btn-secondary">Applications</Link>}
      />
      <form method="get" className="card flex flex-wrap items-end gap-3 p-3" aria-label="Choose a namespace">
        <FilterSelect name="cluster" label="Cluster" value={typeof sp.cluster === "string" ? sp.cluster : undefined} options={clusters.map((c) => [c.id, c.name])} />
        <FilterText name="namespace" label="Namespace" value={typeof sp.namespace === "string" ? sp.namespace : undefined} placeholder="default" maxLength={63} />
        <button type="submit" className="btn-secondary">List StatefulSets</button>
        {badNamespace ? <p role="alert" className="text-sm text-red-700">Choose a cluster and a valid namespace name.</p> : null}
      </form>
      {clusters.length === 0 ? <p className="text-sm text-slate-600">Attach your kubeconfig to a cluster first (Clusters page): Berth lists with your own credential.</p> : null}
      {list ? <Unmanaged list={list} clusterId={target.data!.clusterId} namespace={target.data!.namespace} /> : null}
    </div>
  );
}

function Unmanaged({ list, clusterId, namespace }: { list: UnmanagedList; clusterId: string; namespace: string }) {
  if (list.state !== "ok") {
    return (
      <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid={`adopt-${list.state}`}>
        {list.message}
      </p>
    );
  }
  if (list.items.length === 0) return <p className="text-sm text-slate-600" data-testid="adopt-none">Every StatefulSet in {namespace} on {list.clusterName} is managed by Berth (or there are none).</p>;
  return (
    <div className="card overflow-x-auto">
      {list.truncated ? <p role="status" className="p-3 text-sm text-amber-800">Too many to list: showing the first {ADOPT_LIST_LIMIT}.</p> : null}
      <table className="data-table" aria-label="Not managed by Berth">
        <thead>
          <tr>
            <th>StatefulSet</th>
            <th>Images</th>
            <th>Ready</th>
            <th>Managed by</th>
            <th>Adopt</th>
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
