import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { requireTeamWorkspace } from "@/lib/server/session";

export const metadata: Metadata = { title: "Clusters" };

export default async function Page() {
  await requireTeamWorkspace();
  return (
    <div>
      <PageHeader title="Clusters" />
      <EmptyState title="No clusters registered">Register a Kubernetes cluster by name, then attach your own kubeconfig to it. Deploys always use your own credentials, so Kubernetes RBAC applies to you.</EmptyState>
    </div>
  );
}
