import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { roleAllows } from "@/lib/auth/roles";
import { listClusters } from "@/lib/server/clusters";
import { getProtection } from "@/lib/server/protection";
import { listMembers } from "@/lib/server/teams";
import { requireTeamWorkspace } from "@/lib/server/session";
import { ClusterCard } from "./cluster-card";
import { RegisterClusterForm } from "./register-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("clusters"))("title") };
}

export default async function ClustersPage() {
  const { ctx, role } = await requireTeamWorkspace();
  const t = await getTranslations("clusters");
  const clusters = await listClusters(ctx);
  const canRegister = roleAllows(role, "cluster.register");
  const canAttach = roleAllows(role, "credential.write");
  const canManage = roleAllows(role, "cluster.manage");
  const [protections, members] = await Promise.all([
    Promise.all(clusters.map((c) => getProtection(ctx, c.id))),
    canManage ? listMembers(ctx) : Promise.resolve([]),
  ]);
  const approvers = members.filter((m) => m.role !== "viewer").map((m) => ({ userId: m.userId, email: m.email, role: m.role }));
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
      />
      {canRegister ? (
        <section aria-labelledby="register-h" className="card p-4">
          <h2 id="register-h" className="mb-3 text-sm font-semibold">
            {t("register")}
          </h2>
          <RegisterClusterForm awaitingCredential={clusters.filter((c) => c.myCredential === null).map((c) => c.id)} />
        </section>
      ) : null}
      {clusters.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyHelp")}</EmptyState>
      ) : (
        <ul className="space-y-4" aria-label={t("title")}>
          {clusters.map((c, i) => (
            <li key={c.id}>
              <ClusterCard cluster={c} canAttach={canAttach} canManage={canManage} protection={protections[i]} members={approvers} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
