import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClusterPickLists } from "@/app/_components/cluster-pick-lists";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { roleAllows } from "@/lib/auth/roles";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { getTemplateForEdit } from "@/lib/server/templates";
import { initialValues } from "../../_wizard/initial";
import { firstView } from "../../_wizard/first-view";
import { Wizard } from "../../_wizard/wizard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("wizard"))("editTemplate") };
}

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, role } = await requireTeamWorkspace();
  const t = await getTranslations("wizard.edit");
  const data = await getTemplateForEdit(ctx, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const back = (
    <Link href={`/templates/${id}`} className="btn-secondary">
      {t("back")}
    </Link>
  );
  if (!data.canEdit) {
    return (
      <EmptyState title={t("readOnly")} action={back}>
        {data.template.archived ? t("archived") : t("viewer")}
      </EmptyState>
    );
  }
  if (!data.spec) {
    return (
      <EmptyState title={t("cannotOpen")} action={back}>
        {data.errors.join(" ")}
      </EmptyState>
    );
  }
  const initial = initialValues(data.spec, data.template, data.parameters, data.bindings);
  return (
    <div>
      <PageHeader title={t("title", { name: data.template.name })} description={t("help", { version: data.version, next: data.version + 1 })} actions={back} />
      <Wizard mode="edit" templateId={id} baseVersion={data.version} initial={initial} {...firstView(initial)} canLock={roleAllows(role, "template.manage")} />
      <ClusterPickLists ctx={ctx} />
    </div>
  );
}
