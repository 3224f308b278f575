"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { failedFields, Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { signInAction } from "../actions";

export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(signInAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <Field name="email" label={t("email")} type="email" autoComplete="email" errors={errors} defaultValue={values?.email} />
      <Field name="password" label={t("password")} type="password" autoComplete="current-password" errors={errors} />
      {state && !state.ok && !errors?.password ? <FormMessage state={state} /> : null}
      <SubmitButton className="btn-primary w-full" pendingText={t("login.signingIn")}>
        {t("signIn")}
      </SubmitButton>
    </form>
  );
}
