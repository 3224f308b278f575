import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { requireTeamWorkspace } from "@/lib/server/session";

export const metadata: Metadata = { title: "Deployments" };

export default async function Page() {
  await requireTeamWorkspace();
  return (
    <div>
      <PageHeader title="Deployments" />
      <EmptyState title="Nothing deployed yet">Deploy a template version to a cluster to see its history here: who deployed what, where, the exact manifest, and a one-click redeploy.</EmptyState>
    </div>
  );
}
