"use client";
import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { RevokeCell } from "@/app/_components/revoke-cell";
import { failedFields, Field, FieldError, FormMessage, SubmitButton } from "@/app/_components/form";
import type { Role } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/i18n/format";
import type { InvitationView } from "@/lib/server/invitations";
import type { MemberView } from "@/lib/server/teams";
import { changeRoleAction, createTeamAction, inviteAction, removeMemberAction, resetLinkAction, revokeInvitationAction } from "./actions";

export function CreateTeamForm() {
  const t = useTranslations("team");
  const [state, action] = useActionState(createTeamAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <div className="min-w-60 flex-1">
        <Field name="name" label={t("teamName")} errors={errors} defaultValue={values?.name} />
      </div>
      <SubmitButton>{t("createTeam")}</SubmitButton>
    </form>
  );
}

export function InviteForm({ roles, emailHint }: { roles: Role[]; emailHint: string }) {
  const t = useTranslations("team");
  const [state, action] = useActionState(inviteAction, null);
  const { errors } = failedFields(state);
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="min-w-60 flex-1">
          <Field name="email" label={t("emailOptional")} type="email" errors={errors} hint={emailHint} />
        </div>
        <div>
          <label htmlFor="invite-role" className="label">
            {t("role")}
          </label>
          <select id="invite-role" name="role" defaultValue="member" className="input">
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
          <FieldError id="invite-role-error" message={errors?.role?.[0]} />
        </div>
        <SubmitButton>{t("createLink")}</SubmitButton>
      </form>
      {state?.ok && state.data.sentTo ? (
        <div role="status" data-testid="invitation-sent" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          {t("mailedTo", { email: state.data.sentTo })}
        </div>
      ) : state?.ok ? (
        <div role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          {t("shareLink")}{" "}
          <input readOnly aria-label={t("invitationLink")} data-testid="invitation-link" className="input mt-1 font-mono text-xs" value={state.data.link} />
        </div>
      ) : (
        <FormMessage state={state} />
      )}
    </div>
  );
}

export function MemberRow({ member, roles, canManage, canReset }: { member: MemberView; roles: Role[]; canManage: boolean; canReset: boolean }) {
  const t = useTranslations("team");
  const [roleState, roleAction] = useActionState(changeRoleAction, null);
  const [removeState, removeAction] = useActionState(removeMemberAction, null);
  const [resetState, resetAction] = useActionState(resetLinkAction, null);
  const message = (roleState && !roleState.ok ? roleState : null) ?? (removeState && !removeState.ok ? removeState : null) ?? (resetState && !resetState.ok ? resetState : null);
  return (
    <tr>
      <td>{member.name}</td>
      <td>{member.email}</td>
      <td>
        {canManage && roles.length > 0 ? (
          <form action={roleAction} className="flex items-center gap-2">
            <input type="hidden" name="membershipId" value={member.membershipId} />
            <select name="role" defaultValue={member.role} aria-label={t("roleOf", { email: member.email })} className="input w-auto py-1">
              {Array.from(new Set([...roles, member.role])).map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
            <SubmitButton className="btn-secondary">{t("save")}</SubmitButton>
          </form>
        ) : (
          <span className="badge bg-slate-100 text-slate-700">{t(`roles.${member.role}`)}</span>
        )}
        {message ? <p role="alert" className="mt-1 text-xs text-red-700">{message.message}</p> : null}
      </td>
      <td className="text-right">
        <div className="flex justify-end gap-2">
          {canReset ? (
            <form action={resetAction}>
              <input type="hidden" name="membershipId" value={member.membershipId} />
              <SubmitButton className="btn-secondary">{t("resetLink")}</SubmitButton>
            </form>
          ) : null}
          {canManage ? (
            <form action={removeAction}>
              <input type="hidden" name="id" value={member.membershipId} />
              <SubmitButton className="btn-danger">{t("remove")}</SubmitButton>
            </form>
          ) : null}
        </div>
        {resetState?.ok ? (
          <div role="status" className="mt-2 text-left text-xs text-green-900">
            {t("resetLinkFor", { email: member.email })}
            <input readOnly aria-label={t("resetLinkLabel", { email: member.email })} data-testid="reset-link" className="input mt-1 font-mono text-xs" value={resetState.data.link} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function InvitationRow({ invitation }: { invitation: InvitationView }) {
  const t = useTranslations("team");
  const locale = useLocale();
  const [state, action] = useActionState(revokeInvitationAction, null);
  return (
    <tr>
      <td>{invitation.email ?? t("anyoneWithLink")}</td>
      <td>{t(`roles.${invitation.role}`)}</td>
      <td>{t(`states.${invitation.state}`)}</td>
      <td>{formatDateTime(locale, invitation.expiresAt, "minute")}</td>
      <RevokeCell id={invitation.id} action={action} state={state} revocable={invitation.state === "pending"} />
    </tr>
  );
}
