import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { requireTeamWorkspace } from "@/lib/server/session";

export const metadata: Metadata = { title: "Audit trail" };

export default async function Page() {
  await requireTeamWorkspace();
  return (
    <div>
      <PageHeader title="Audit trail" />
      <EmptyState title="No events yet">Every change made in this team is recorded here, append-only and tamper-evident.</EmptyState>
    </div>
  );
}
