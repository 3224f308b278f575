"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field, FieldError, FormMessage, SubmitButton, failedFields } from "@/app/_components/form";
import type { Msg } from "@/lib/i18n/message";
import { useFormatMsg } from "@/app/_components/use-format-msg";
import { useResultStatusWord } from "@/app/_components/cluster-result";
import { deleteClaimAction, deletePodAction, restartAction, rollbackAction, scaleAction, syncAction } from "./actions";

// The application page's buttons and small forms. Each posts the app's key; the server checks
// the role, asks the cluster "may I?" with the viewer's own credential, and audits.
export type Key = { clusterId: string; namespace: string; appName: string };

function KeyFields({ k }: { k: Key }) {
  return (
    <>
      <input type="hidden" name="clusterId" value={k.clusterId} />
      <input type="hidden" name="namespace" value={k.namespace} />
      <input type="hidden" name="appName" value={k.appName} />
    </>
  );
}

type Result = { ok: true; data: { status: string; message: string; msg?: Msg; deploymentId: string | null; requestId?: string } } | { ok: false; message: string } | null;

function DeployResult({ result }: { result: Result }) {
  const t = useTranslations("applications.actions");
  const format = useFormatMsg();
  const statusWord = useResultStatusWord();
  const tResult = useTranslations("clusterResult");
  if (!result) return null;
  if (!result.ok) return <FormMessage state={result} />;
  const r = result.data;
  return (
    <p role="status" data-testid="deploy-result" className={`rounded-md px-3 py-2 text-sm ${r.status === "applied" ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}>
      {statusWord(r.status)}: {format(r.msg ?? r.message)}{" "}
      {r.requestId ? <Link className="underline" href={`/approvals/${r.requestId}`}>{tResult("openRequest")}</Link> : null}
      {r.deploymentId ? <Link className="underline" href={`/deployments/${r.deploymentId}`}>{t("openRecord")}</Link> : null}
    </p>
  );
}

export function SyncButton({ k }: { k: Key }) {
  const t = useTranslations("applications.actions");
  const [result, action] = useActionState(syncAction, null);
  return (
    <form action={action} className="space-y-2">
      <KeyFields k={k} />
      <SubmitButton pendingText={t("syncing")}>{t("sync")}</SubmitButton>
      <DeployResult result={result} />
    </form>
  );
}

export function RollbackButton({ k, deploymentId }: { k: Key; deploymentId: string }) {
  const t = useTranslations("applications.actions");
  const [result, action] = useActionState(rollbackAction, null);
  return (
    <form action={action} onSubmit={(e) => !confirm(t("rollbackConfirm")) && e.preventDefault()} className="space-y-1">
      <KeyFields k={k} />
      <input type="hidden" name="deploymentId" value={deploymentId} />
      <SubmitButton className="btn-secondary" pendingText={t("rollingBack")}>{t("rollback")}</SubmitButton>
      <DeployResult result={result} />
    </form>
  );
}

export function ScaleForm({ k, replicas }: { k: Key; replicas: number }) {
  const t = useTranslations("applications.actions");
  const [state, action] = useActionState(scaleAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={t("scaleLabel")}>
      <KeyFields k={k} />
      <div className="w-28">
        <Field name="replicas" label={t("replicas")} type="number" defaultValue={values?.replicas ?? String(replicas)} errors={errors} />
      </div>
      <SubmitButton className="btn-secondary" pendingText={t("scaling")}>{t("scale")}</SubmitButton>
      <FormMessage state={state && !state.ok ? state : state ? { ok: true, message: t("scaled") } : null} />
    </form>
  );
}

export function RestartButton({ k }: { k: Key }) {
  const t = useTranslations("applications.actions");
  const [state, action] = useActionState(restartAction, null);
  return (
    <form action={action} onSubmit={(e) => !confirm(t("restartConfirm")) && e.preventDefault()} className="space-y-1">
      <KeyFields k={k} />
      <SubmitButton className="btn-secondary" pendingText={t("restarting")}>{t("restart")}</SubmitButton>
      <FormMessage state={state && !state.ok ? state : state ? { ok: true, message: t("restarted") } : null} />
    </form>
  );
}

export function DeletePodButton({ k, pod }: { k: Key; pod: string }) {
  const t = useTranslations("applications.actions");
  const [state, action] = useActionState(deletePodAction, null);
  return (
    <form action={action} onSubmit={(e) => !confirm(t("deletePodConfirm", { pod })) && e.preventDefault()}>
      <KeyFields k={k} />
      <input type="hidden" name="pod" value={pod} />
      <SubmitButton className="btn-danger" pendingText={t("deleting")}>{t("deletePod")}</SubmitButton>
      {state && !state.ok ? <FieldError id={`pod-${pod}-error`} message={state.message} /> : null}
    </form>
  );
}

export function DeleteClaimForm({ k, claim }: { k: Key; claim: string }) {
  const t = useTranslations("applications.actions");
  const [state, action] = useActionState(deleteClaimAction, null);
  const { errors } = failedFields(state);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={t("deleteClaimLabel", { claim })}>
      <KeyFields k={k} />
      <input type="hidden" name="claim" value={claim} />
      <div className="w-64">
        <Field name="confirmation" label={t("typeToDelete", { claim })} errors={errors} />
      </div>
      <SubmitButton className="btn-danger" pendingText={t("deleting")}>{t("deleteClaim")}</SubmitButton>
      {state && !state.ok && !errors?.confirmation ? <FormMessage state={state} /> : null}
      {state?.ok ? <FormMessage state={{ ok: true, message: t("deletedClaim", { claim }) }} /> : null}
    </form>
  );
}
