"use client";
import { useActionState } from "react";
import { failedFields, Field, FieldError, FormMessage, SubmitButton } from "@/app/_components/form";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, null);
  const { errors } = failedFields(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field name="password" label="New password" type="password" autoComplete="new-password" errors={errors} hint="At least 10 characters." />
      <FieldError id="token-error" message={errors?.token?.[0]} />
      {state && !state.ok && !errors?.password && !errors?.token ? <FormMessage state={state} /> : null}
      <SubmitButton className="btn-primary w-full" pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
