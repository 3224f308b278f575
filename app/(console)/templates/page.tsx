import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { requireTeamWorkspace } from "@/lib/server/session";

export const metadata: Metadata = { title: "Templates" };

export default async function Page() {
  await requireTeamWorkspace();
  return (
    <div>
      <PageHeader title="Templates" />
      <EmptyState title="No templates yet">A template is an application you build once in the three-step wizard (basic information, containers, advanced) and deploy many times. Create your first one to get started.</EmptyState>
    </div>
  );
}
