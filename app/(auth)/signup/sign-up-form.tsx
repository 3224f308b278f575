"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { failedFields, Field, FieldError, FormMessage, SubmitButton } from "@/app/_components/form";
import { signUpAction } from "../actions";

export function SignUpForm({ invitation, email }: { invitation: string; email: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(signUpAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="invitation" value={invitation} />
      <Field name="name" label={t("signup.yourName")} autoComplete="name" errors={errors} defaultValue={values?.name} />
      <Field name="email" label={t("email")} type="email" autoComplete="email" errors={errors} defaultValue={values?.email ?? email} />
      <Field name="password" label={t("password")} type="password" autoComplete="new-password" errors={errors} hint={t("signup.passwordHint")} />
      <FieldError id="invitation-error" message={errors?.invitation?.[0]} />
      {state && !state.ok && Object.keys(errors ?? {}).length === 0 ? <FormMessage state={state} /> : null}
      <SubmitButton className="btn-primary w-full" pendingText={t("signup.creating")}>
        {t("signup.submit")}
      </SubmitButton>
    </form>
  );
}
