"use client";
import { useActionState } from "react";
import { utcTime } from "@/app/_components/format-time";
import { RevokeCell } from "@/app/_components/revoke-cell";
import { failedFields, Field, FieldError, FormMessage, SubmitButton } from "@/app/_components/form";
import type { Role } from "@/lib/auth/roles";
import type { InvitationView } from "@/lib/server/invitations";
import type { MemberView } from "@/lib/server/teams";
import { changeRoleAction, createTeamAction, inviteAction, removeMemberAction, resetLinkAction, revokeInvitationAction } from "./actions";

export function CreateTeamForm() {
  const [state, action] = useActionState(createTeamAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <div className="min-w-60 flex-1">
        <Field name="name" label="Team name" errors={errors} defaultValue={values?.name} />
      </div>
      <SubmitButton>Create team</SubmitButton>
    </form>
  );
}

export function InviteForm({ roles, emailHint }: { roles: Role[]; emailHint: string }) {
  const [state, action] = useActionState(inviteAction, null);
  const { errors } = failedFields(state);
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="min-w-60 flex-1">
          <Field name="email" label="Email (optional)" type="email" errors={errors} hint={emailHint} />
        </div>
        <div>
          <label htmlFor="invite-role" className="label">
            Role
          </label>
          <select id="invite-role" name="role" defaultValue="member" className="input">
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <FieldError id="invite-role-error" message={errors?.role?.[0]} />
        </div>
        <SubmitButton>Create invitation link</SubmitButton>
      </form>
      {state?.ok && state.data.sentTo ? (
        <div role="status" data-testid="invitation-sent" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          Invitation mailed to {state.data.sentTo}. Only that mailbox gets the link.
        </div>
      ) : state?.ok ? (
        <div role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          Share this link (it is shown once):{" "}
          <input readOnly aria-label="Invitation link" data-testid="invitation-link" className="input mt-1 font-mono text-xs" value={state.data.link} />
        </div>
      ) : (
        <FormMessage state={state} />
      )}
    </div>
  );
}

export function MemberRow({ member, roles, canManage, canReset }: { member: MemberView; roles: Role[]; canManage: boolean; canReset: boolean }) {
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
            <select name="role" defaultValue={member.role} aria-label={`Role of ${member.email}`} className="input w-auto py-1">
              {Array.from(new Set([...roles, member.role])).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <SubmitButton className="btn-secondary">Save</SubmitButton>
          </form>
        ) : (
          <span className="badge bg-slate-100 text-slate-700">{member.role}</span>
        )}
        {message ? <p role="alert" className="mt-1 text-xs text-red-700">{message.message}</p> : null}
      </td>
      <td className="text-right">
        <div className="flex justify-end gap-2">
          {canReset ? (
            <form action={resetAction}>
              <input type="hidden" name="membershipId" value={member.membershipId} />
              <SubmitButton className="btn-secondary">Reset link</SubmitButton>
            </form>
          ) : null}
          {canManage ? (
            <form action={removeAction}>
              <input type="hidden" name="id" value={member.membershipId} />
              <SubmitButton className="btn-danger">Remove</SubmitButton>
            </form>
          ) : null}
        </div>
        {resetState?.ok ? (
          <div role="status" className="mt-2 text-left text-xs text-green-900">
            One-time password reset link for {member.email} (works once, for 30 minutes; shown once):
            <input readOnly aria-label={`Reset link for ${member.email}`} data-testid="reset-link" className="input mt-1 font-mono text-xs" value={resetState.data.link} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function InvitationRow({ invitation }: { invitation: InvitationView }) {
  const [state, action] = useActionState(revokeInvitationAction, null);
  return (
    <tr>
      <td>{invitation.email ?? "anyone with the link"}</td>
      <td>{invitation.role}</td>
      <td>{invitation.state}</td>
      <td>{utcTime(invitation.expiresAt, "minute")}</td>
      <RevokeCell id={invitation.id} action={action} state={state} revocable={invitation.state === "pending"} />
    </tr>
  );
}
