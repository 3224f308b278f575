"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/form";
import type { ClusterView } from "@/lib/server/clusters";
import type { ProtectionView } from "@/lib/server/protection";
import { removeClusterAction, removeCredentialAction, testCredentialAction } from "./actions";
import { CapabilitiesView } from "./capabilities-view";
import { ConnectionReportView } from "./connection-report";
import { CredentialForm } from "./credential-form";
import { ProtectionPanel, type ApproverOption } from "./protection-panel";

export function ClusterCard({ cluster, canAttach, canManage, protection, members }: { cluster: ClusterView; canAttach: boolean; canManage: boolean; protection: ProtectionView | null; members: ApproverOption[] }) {
  const t = useTranslations("clusters.card");
  const cred = cluster.myCredential;
  const [testState, testAction] = useActionState(testCredentialAction, null);
  const [removeCredState, removeCredAction] = useActionState(removeCredentialAction, null);
  const [removeState, removeAction] = useActionState(removeClusterAction, null);
  const problem = [removeCredState, removeState, testState].find((s) => s && !s.ok);
  return (
    <article className="card space-y-3 p-4" aria-labelledby={`cluster-${cluster.id}`} data-testid={`cluster-${cluster.name}`}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`cluster-${cluster.id}`} className="text-base font-semibold">
            {cluster.name}
          </h2>
          <p className="text-xs text-slate-500">
            {cluster.description ? `${cluster.description} · ` : ""}
            {t(cluster.profile === "alibabacloud" ? "profiles.alibabacloud" : "profiles.generic")} · {t("registeredBy", { who: cluster.createdBy })} · {t("credentials", { n: cluster.credentialCount })}
          </p>
        </div>
        {cluster.canRemove ? (
          <form action={removeAction} onSubmit={(e) => !confirm(t("removeConfirm", { name: cluster.name })) && e.preventDefault()}>
            <input type="hidden" name="clusterId" value={cluster.id} />
            <SubmitButton className="btn-danger">{t("remove")}</SubmitButton>
          </form>
        ) : null}
      </header>
      {cred ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="my-credential">
          <span>
            {t("yourCredential")} <code>{cred.server}</code>
          </span>
          <span>{t("context", { context: cred.context })}</span>
          <span>{t("namespace", { namespace: cred.namespace })}</span>
          <span>{cred.serverVersion ? t("serverVersion", { version: cred.serverVersion }) : t("notTested")}</span>
          {cred.insecureSkipTls ? <span className="badge bg-amber-100 text-amber-900">{t("tlsNotVerified")}</span> : null}
          <form action={testAction}>
            <input type="hidden" name="clusterId" value={cluster.id} />
            <SubmitButton className="btn-secondary" pendingText={t("testing")}>
              {t("test")}
            </SubmitButton>
          </form>
          <form action={removeCredAction}>
            <input type="hidden" name="clusterId" value={cluster.id} />
            <SubmitButton className="btn-danger">{t("removeCredential")}</SubmitButton>
          </form>
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("noCredential")}</p>
      )}
      <ProtectionPanel clusterId={cluster.id} policy={protection} canManage={canManage} members={members} />
      {cred ? <CapabilitiesView credential={cred} profile={cluster.profile} /> : null}
      {testState?.ok ? <ConnectionReportView report={testState.data} /> : null}
      {problem && !problem.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {problem.message}
        </p>
      ) : null}
      {canAttach ? (
        <details open={!cred}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{cred ? t("replace") : t("attach")}</summary>
          <div className="mt-3">
            <CredentialForm clusterId={cluster.id} replacing={cred !== null} />
          </div>
        </details>
      ) : null}
    </article>
  );
}
