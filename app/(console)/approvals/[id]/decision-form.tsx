"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FieldError, FormMessage, SubmitButton } from "@/app/_components/form";
import { useFormatMsg } from "@/app/_components/use-format-msg";
import { decideAction, withdrawAction } from "../actions";

/** Approve or reject, with a comment; the digest of the diff on screen goes along (a changed live state refuses the approval). */
export function DecisionForm({ requestId, digest }: { requestId: string; digest: string }) {
  const t = useTranslations("approvals");
  const format = useFormatMsg();
  const [state, action] = useActionState(decideAction, null);
  return (
    <form action={action} className="card space-y-3 p-4" aria-label={t("decision")} noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="digest" value={digest} />
      <div>
        <label htmlFor="f-comment" className="label">{t("comment")}</label>
        <textarea id="f-comment" name="comment" rows={2} className="input" maxLength={1000} />
        <FieldError id="f-comment-error" message={state && !state.ok ? state.fieldErrors.comment?.[0] : undefined} />
      </div>
      <div className="flex gap-3">
        <button type="submit" name="decision" value="approve" className="btn-primary">{t("approve")}</button>
        <button type="submit" name="decision" value="reject" className="btn-danger">{t("reject")}</button>
      </div>
      <FormMessage state={state?.ok ? { ok: true, message: format(state.data.msg ?? state.data.message) } : state} />
    </form>
  );
}

export function WithdrawForm({ requestId }: { requestId: string }) {
  const t = useTranslations("approvals");
  const [state, action] = useActionState(withdrawAction, null);
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="requestId" value={requestId} />
      <SubmitButton className="btn-secondary">{t("withdraw")}</SubmitButton>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}
