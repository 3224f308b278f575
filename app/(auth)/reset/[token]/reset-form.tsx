"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { failedFields, Field, FieldError, FormMessage, SubmitButton } from "@/app/_components/form";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(resetPasswordAction, null);
  const { errors } = failedFields(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field name="password" label={t("reset.newPassword")} type="password" autoComplete="new-password" errors={errors} hint={t("signup.passwordHint")} />
      <FieldError id="token-error" message={errors?.token?.[0]} />
      {state && !state.ok && !errors?.password && !errors?.token ? <FormMessage state={state} /> : null}
      <SubmitButton className="btn-primary w-full" pendingText={t("reset.saving")}>
        {t("reset.submit")}
      </SubmitButton>
    </form>
  );
}
