import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClusterPickLists } from "@/app/_components/cluster-pick-lists";
import { PageHeader } from "@/app/_components/empty-state";
import { defaultAppSpec } from "@/lib/manifests";
import { roleAllows } from "@/lib/auth/roles";
import { requireTeamWorkspace } from "@/lib/server/session";
import { initialValues } from "../_wizard/initial";
import { firstView } from "../_wizard/first-view";
import { Wizard } from "../_wizard/wizard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("wizard"))("newApplication") };
}

export default async function NewTemplatePage() {
  const { ctx, role } = await requireTeamWorkspace();
  const t = await getTranslations("wizard");
  const initial = initialValues(defaultAppSpec("nginx"));
  return (
    <div>
      <PageHeader title={t("newApplication")} description={t("newHelp")} />
      <Wizard mode="create" initial={initial} {...firstView(initial)} canLock={roleAllows(role, "template.manage")} />
      <ClusterPickLists ctx={ctx} />
    </div>
  );
}
