import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/empty-state";
import { requireTeamWorkspace } from "@/lib/server/session";
import { ImportForm } from "./import-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("templateImport"))("title") };
}

export default async function ImportPage() {
  await requireTeamWorkspace();
  const t = await getTranslations("templateImport");
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("heading")} description={t("description")} />
      <ImportForm />
    </div>
  );
}
