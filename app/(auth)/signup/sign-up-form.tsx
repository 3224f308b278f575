"use client";
import { useActionState } from "react";
import { failedFields, Field, FieldError, FormMessage, SubmitButton } from "@/app/_components/form";
import { signUpAction } from "../actions";

export function SignUpForm({ invitation, email }: { invitation: string; email: string }) {
  const [state, action] = useActionState(signUpAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="invitation" value={invitation} />
      <Field name="name" label="Your name" autoComplete="name" errors={errors} defaultValue={values?.name} />
      <Field name="email" label="Email" type="email" autoComplete="email" errors={errors} defaultValue={values?.email ?? email} />
      <Field name="password" label="Password" type="password" autoComplete="new-password" errors={errors} hint="At least 10 characters." />
      <FieldError id="invitation-error" message={errors?.invitation?.[0]} />
      {state && !state.ok && Object.keys(errors ?? {}).length === 0 ? <FormMessage state={state} /> : null}
      <SubmitButton className="btn-primary w-full" pendingText="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  );
}
