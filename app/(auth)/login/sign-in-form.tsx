"use client";
import { useActionState } from "react";
import { failedFields, Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { signInAction } from "../actions";

export function SignInForm({ next }: { next: string }) {
  const [state, action] = useActionState(signInAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <Field name="email" label="Email" type="email" autoComplete="email" errors={errors} defaultValue={values?.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" errors={errors} />
      {state && !state.ok && !errors?.password ? <FormMessage state={state} /> : null}
      <SubmitButton className="btn-primary w-full" pendingText="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
