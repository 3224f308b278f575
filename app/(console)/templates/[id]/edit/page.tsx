import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClusterPickLists } from "@/app/_components/cluster-pick-lists";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { roleAllows } from "@/lib/auth/roles";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { getTemplateForEdit } from "@/lib/server/templates";
import { initialValues } from "../../_wizard/initial";
import { Wizard } from "../../_wizard/wizard";

export const metadata: Metadata = { title: "Edit template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, role } = await requireTeamWorkspace();
  const data = await getTemplateForEdit(ctx, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const back = (
    <Link href={`/templates/${id}`} className="btn-secondary">
      Back to the template
    </Link>
  );
  if (!data.canEdit) {
    return (
      <EmptyState title="You can read this template but not change it" action={back}>
        {data.template.archived ? "It is archived: unarchive it to edit." : "Viewers read templates; ask an owner or admin for the member role, or duplicate it if you can write templates."}
      </EmptyState>
    );
  }
  if (!data.spec) {
    return (
      <EmptyState title="This version cannot be opened in the form" action={back}>
        {data.errors.join(" ")}
      </EmptyState>
    );
  }
  return (
    <div>
      <PageHeader title={`Edit ${data.template.name}`} description={`Starting from version ${data.version}. Saving makes version ${data.version + 1}; if someone saves first, you will be told.`} actions={back} />
      <Wizard mode="edit" templateId={id} baseVersion={data.version} initial={initialValues(data.spec, data.template, data.parameters, data.bindings)} canLock={roleAllows(role, "template.manage")} />
      <ClusterPickLists ctx={ctx} />
    </div>
  );
}
