"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { failedFields, Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [state, action] = useActionState(forgotPasswordAction, null);
  const { errors, values } = failedFields(state);
  if (state?.ok) return <FormMessage state={{ ok: true, message: state.data }} />;
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field name="email" label={t("email")} type="email" autoComplete="email" errors={errors} defaultValue={values?.email} />
      {state && !state.ok && !errors?.email ? <FormMessage state={state} /> : null}
      <SubmitButton className="btn-primary w-full" pendingText={t("forgot.sending")}>
        {t("forgot.submit")}
      </SubmitButton>
    </form>
  );
}
