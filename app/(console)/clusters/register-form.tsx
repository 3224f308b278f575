"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { failedFields, Field, FieldError, FormMessage, SubmitButton } from "@/app/_components/form";
import { registerClusterAction } from "./actions";

/** `awaitingCredential`: ids of clusters I have no kubeconfig for yet (the success message stays only while the new one is among them). */
export function RegisterClusterForm({ awaitingCredential }: { awaitingCredential: string[] }) {
  const t = useTranslations("clusters.registerForm");
  const [state, action] = useActionState(registerClusterAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <div className="min-w-48 flex-1">
        <Field name="name" label={t("name")} errors={errors} defaultValue={values?.name} placeholder="prod-hangzhou" />
      </div>
      <div className="min-w-60 flex-[2]">
        <Field name="description" label={t("description")} errors={errors} defaultValue={values?.description} />
      </div>
      <div>
        <label htmlFor="f-profile" className="label">
          {t("profile")}
        </label>
        <select id="f-profile" name="profile" defaultValue={values?.profile ?? "generic"} className="input">
          <option value="generic">{t("generic")}</option>
          <option value="alibabacloud">{t("alibabacloud")}</option>
        </select>
        <FieldError id="f-profile-error" message={errors?.profile?.[0]} />
      </div>
      <SubmitButton>{t("submit")}</SubmitButton>
      <div className="w-full">
        <FormMessage state={state?.ok ? (awaitingCredential.includes(state.data) ? { ok: true, message: t("registered") } : null) : state} />
      </div>
    </form>
  );
}
