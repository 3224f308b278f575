"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage, SubmitButton, failedFields } from "@/app/_components/form";
import { useFormatMsg } from "@/app/_components/use-format-msg";
import { adoptAction } from "./actions";

// One unmanaged StatefulSet's "Adopt" form: a new template from the live objects.
export function AdoptButton({ clusterId, namespace, statefulSet }: { clusterId: string; namespace: string; statefulSet: string }) {
  const t = useTranslations("applications.adopt");
  const format = useFormatMsg();
  const [state, action] = useActionState(adoptAction, null);
  const { errors } = failedFields(state);
  return (
    <form action={action} className="space-y-1" aria-label={t("formLabel", { name: statefulSet })}>
      <input type="hidden" name="clusterId" value={clusterId} />
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="statefulSet" value={statefulSet} />
      <div className="flex flex-wrap items-center gap-2">
        <input name="templateName" aria-label={t("templateName")} placeholder={statefulSet} maxLength={100} className="input w-40" />
        <label className="text-xs">
          <input type="checkbox" name="visibility" value="team" /> {t("share")}
        </label>
        <SubmitButton className="btn-secondary" pendingText={t("adopting")}>{t("submit")}</SubmitButton>
      </div>
      {errors?.templateName ? <p className="text-xs text-red-700">{errors.templateName}</p> : null}
      {state && !state.ok ? <FormMessage state={state} /> : null}
      {state?.ok ? (
        <div role="status" data-testid="adopt-result" className="rounded-md bg-green-50 px-3 py-2 text-xs text-green-900">
          {t("created", { objects: state.data.objects.join(", ") })}{" "}
          <Link className="underline" href={`/deployments/new?template=${state.data.id}&version=${state.data.version}`}>{t("deployIt")}</Link> ·{" "}
          <Link className="underline" href={`/templates/${state.data.id}`}>{t("openTemplate")}</Link>
          {state.data.warningMsgs.length ? (
            <ul className="mt-1 list-disc pl-4 text-amber-800">
              {state.data.warningMsgs.slice(0, 20).map((w, i) => <li key={state.data.warnings[i]}>{format(w)}</li>)}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
