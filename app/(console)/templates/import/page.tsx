import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/empty-state";
import { requireTeamWorkspace } from "@/lib/server/session";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import a template" };

export default async function ImportPage() {
  await requireTeamWorkspace();
  return (
    <div className="max-w-3xl">
      <PageHeader title="Import" description="Paste or upload the YAML of a StatefulSet app (kubectl get -o yaml works; status and server fields are dropped), or a Berth template file." />
      <ImportForm />
    </div>
  );
}
