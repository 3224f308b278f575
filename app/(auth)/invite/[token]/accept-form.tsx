"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(acceptInvitationAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-slate-600">Signed in as {email}.</p>
      <FormMessage state={state} />
      <SubmitButton pendingText="Joining…">Join the team</SubmitButton>
    </form>
  );
}
