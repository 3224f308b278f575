import type { Metadata } from "next";
import { ClusterPickLists } from "@/app/_components/cluster-pick-lists";
import { PageHeader } from "@/app/_components/empty-state";
import { defaultAppSpec } from "@/lib/manifests";
import { roleAllows } from "@/lib/auth/roles";
import { requireTeamWorkspace } from "@/lib/server/session";
import { initialValues } from "../_wizard/initial";
import { Wizard } from "../_wizard/wizard";

export const metadata: Metadata = { title: "New application" };

export default async function NewTemplatePage() {
  const { ctx, role } = await requireTeamWorkspace();
  return (
    <div>
      <PageHeader title="New application" description="Build a StatefulSet in three steps, watch the YAML it makes, and save it as a template to deploy again and again." />
      <Wizard mode="create" initial={initialValues(defaultAppSpec("nginx"))} canLock={roleAllows(role, "template.manage")} />
      <ClusterPickLists ctx={ctx} />
    </div>
  );
}
