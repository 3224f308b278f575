"use client";
import { ShieldCheck } from "lucide";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Icon } from "@/app/_components/icon";
import { FieldError, FormMessage, SubmitButton, failedFields } from "@/app/_components/form";
import { utcTime } from "@/app/_components/format-time";
import type { ProtectionView } from "@/lib/server/protection";
import { removeProtectionAction, setProtectionAction } from "./actions";

export type ApproverOption = { userId: string; email: string; role: string };

// A cluster's protection: what it is now (everyone sees it, with who changed it last), and for
// owners/admins the form to set or remove it. Changes are audited (cluster.protection_*).
export function ProtectionPanel({ clusterId, policy, canManage, members }: { clusterId: string; policy: ProtectionView | null; canManage: boolean; members: ApproverOption[] }) {
  const t = useTranslations("protection");
  const [state, action] = useActionState(setProtectionAction, null);
  const [removeState, removeAction] = useActionState(removeProtectionAction, null);
  const { errors, values } = failedFields(state);
  return (
    <section className="rounded-md border border-slate-200 p-3" aria-label={t("label")} data-testid="protection">
      <h3 className="flex items-center gap-2 text-sm font-semibold">
        <Icon icon={ShieldCheck} className="h-4 w-4" /> {policy ? t("protected") : t("notProtected")}
      </h3>
      {policy ? (
        <ul className="mt-1 space-y-0.5 text-sm text-slate-700" data-testid="protection-summary">
          <li>{t("namespaces", { list: policy.namespaces.length ? policy.namespaces.join(", ") : t("all") })}</li>
          <li>{t("needs", { n: policy.approvalsRequired, who: policy.approvers === "named" ? policy.approverNames.join(", ") : t("managers"), hours: policy.expiryHours })}</li>
          <li>{t("windows", { list: policy.windowsText.length ? policy.windowsText.join("; ") : t("none") })}</li>
          <li className="text-xs text-slate-500">{t("lastChanged", { who: policy.updatedBy, at: utcTime(policy.updatedAt, "minute") })}</li>
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-600">{t("unprotectedHint")}</p>
      )}
      {canManage ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{policy ? t("change") : t("protect")}</summary>
          <form action={action} className="mt-3 grid gap-3 md:grid-cols-2" noValidate aria-label={t("policy")}>
            <input type="hidden" name="clusterId" value={clusterId} />
            <div>
              <label className="label" htmlFor={`p-ns-${clusterId}`}>{t("namespacesField")}</label>
              <input id={`p-ns-${clusterId}`} name="namespaces" className="input" defaultValue={values?.namespaces ?? policy?.namespaces.join(", ") ?? ""} placeholder={t("namespacesExample")} />
              <FieldError id={`p-ns-${clusterId}-error`} message={errors?.namespaces?.[0]} />
            </div>
            <div className="flex gap-3">
              <div>
                <label className="label" htmlFor={`p-n-${clusterId}`}>{t("approvalsRequired")}</label>
                <select id={`p-n-${clusterId}`} name="approvalsRequired" className="input" defaultValue={values?.approvalsRequired ?? String(policy?.approvalsRequired ?? 1)}>
                  <option value="1">1</option>
                  <option value="2">2</option>
                  <option value="3">3</option>
                </select>
                <FieldError id={`p-n-${clusterId}-error`} message={errors?.approvalsRequired?.[0]} />
              </div>
              <div>
                <label className="label" htmlFor={`p-exp-${clusterId}`}>{t("expiryHours")}</label>
                <input id={`p-exp-${clusterId}`} name="expiryHours" type="number" min={1} max={168} className="input w-28" defaultValue={values?.expiryHours ?? String(policy?.expiryHours ?? 24)} />
                <FieldError id={`p-exp-${clusterId}-error`} message={errors?.expiryHours?.[0]} />
              </div>
            </div>
            <fieldset>
              <legend className="label">{t("whoApproves")}</legend>
              <label className="mr-4 text-sm">
                <input type="radio" name="approvers" value="managers" defaultChecked={(policy?.approvers ?? "managers") === "managers"} /> {t("managers")}
              </label>
              <label className="text-sm">
                <input type="radio" name="approvers" value="named" defaultChecked={policy?.approvers === "named"} /> {t("named")}
              </label>
              <div className="mt-1 flex flex-wrap gap-3">
                {members.map((m) => (
                  <label key={m.userId} className="text-sm">
                    <input type="checkbox" name="approverIds" value={m.userId} defaultChecked={policy?.approverIds.includes(m.userId)} /> {m.email}
                  </label>
                ))}
              </div>
              <FieldError id={`p-appr-${clusterId}-error`} message={errors?.approverIds?.[0] ?? errors?.approvers?.[0]} />
            </fieldset>
            <div>
              <label className="label" htmlFor={`p-fw-${clusterId}`}>{t("windowsField")}</label>
              <textarea
                id={`p-fw-${clusterId}`}
                name="freezeWindows"
                rows={3}
                className="input font-mono text-xs"
                defaultValue={values?.freezeWindows ?? policy?.windowsText.join("\n") ?? ""}
                placeholder={t("windowsExample")}
                aria-invalid={errors?.freezeWindows ? true : undefined}
              />
              {errors?.freezeWindows?.map((m, i) => <FieldError key={m} id={`p-fw-${clusterId}-error-${i}`} message={m} />)}
            </div>
            <div className="flex items-center gap-3 md:col-span-2">
              <SubmitButton>{t("save")}</SubmitButton>
              <FormMessage state={state?.ok ? { ok: true, message: t("saved") } : state} />
            </div>
          </form>
          {policy ? (
            <form action={removeAction} className="mt-2">
              <input type="hidden" name="clusterId" value={clusterId} />
              <SubmitButton className="btn-danger">{t("remove")}</SubmitButton>
              <FormMessage state={removeState && !removeState.ok ? removeState : null} />
            </form>
          ) : null}
        </details>
      ) : null}
    </section>
  );
}
