"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("auth.invite");
  const [state, action] = useActionState(acceptInvitationAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-slate-600">{t("signedInAs", { email })}</p>
      <FormMessage state={state} />
      <SubmitButton pendingText={t("joining")}>{t("joinTeam")}</SubmitButton>
    </form>
  );
}
