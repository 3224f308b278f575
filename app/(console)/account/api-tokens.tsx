"use client";
import { useActionState } from "react";
import { utcTime } from "@/app/_components/format-time";
import { RevokeCell } from "@/app/_components/revoke-cell";
import { failedFields, Field, FieldError, FormMessage, SubmitButton } from "@/app/_components/form";
import type { ApiTokenView } from "@/lib/server/api-tokens";
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS, API_TOKEN_ROLE_LABELS, API_TOKEN_ROLES } from "@/lib/validation/api-tokens";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

// The account page's API tokens: make one (its secret is shown once), list, revoke.
export function CreateApiTokenForm({ teams, currentTeamId, canDeploy }: { teams: { id: string; name: string }[]; currentTeamId: string; canDeploy: Record<string, boolean> }) {
  const [state, action] = useActionState(createApiTokenAction, null);
  const { errors, values } = failedFields(state);
  return (
    <div className="space-y-3">
      <form action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
        <Field name="name" label="Name" errors={errors} defaultValue={values?.name} hint="Where it is used, e.g. “GitHub Actions: web”." />
        <div>
          <label htmlFor="token-team" className="label">
            Team
          </label>
          <select id="token-team" name="teamId" defaultValue={values?.teamId ?? currentTeamId} className="input">
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <FieldError id="token-team-error" message={errors?.teamId?.[0]} />
        </div>
        <div>
          <label htmlFor="token-role" className="label">
            Access
          </label>
          <select id="token-role" name="role" defaultValue={values?.role ?? "viewer"} className="input">
            {API_TOKEN_ROLES.map((r) => (
              <option key={r} value={r}>
                {API_TOKEN_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <FieldError id="token-role-error" message={errors?.role?.[0]} />
          {Object.values(canDeploy).some((v) => !v) ? <p className="mt-1 text-xs text-slate-500">Deploy tokens need the member role or higher in that team.</p> : null}
        </div>
        <Field
          name="expiresInDays"
          label="Expires in (days)"
          type="number"
          errors={errors}
          defaultValue={values?.expiresInDays ?? String(API_TOKEN_DEFAULT_DAYS)}
          hint={`1 to ${API_TOKEN_MAX_DAYS} days.`}
        />
        <div className="sm:col-span-2">
          <SubmitButton>Create token</SubmitButton>
        </div>
      </form>
      {state?.ok ? (
        <div role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          Token “{state.data.name}” (expires {utcTime(new Date(state.data.expiresAt), "minute")}). Copy it now: it is shown once.
          <input readOnly aria-label="New API token" data-testid="api-token-secret" className="input mt-1 font-mono text-xs" value={state.data.secret} />
        </div>
      ) : (
        <FormMessage state={state} />
      )}
    </div>
  );
}

export function ApiTokenTable({ tokens, showOwner, label }: { tokens: ApiTokenView[]; showOwner: boolean; label: string }) {
  return (
    <table className="data-table" aria-label={label}>
      <thead>
        <tr>
          <th>Name</th>
          {showOwner ? <th>User</th> : null}
          <th>Team</th>
          <th>Access</th>
          <th>Starts with</th>
          <th>Last used</th>
          <th>Expires</th>
          <th>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <ApiTokenRow key={t.id} token={t} showOwner={showOwner} />
        ))}
      </tbody>
    </table>
  );
}

function ApiTokenRow({ token, showOwner }: { token: ApiTokenView; showOwner: boolean }) {
  const [state, action] = useActionState(revokeApiTokenAction, null);
  return (
    <tr data-testid="api-token-row">
      <td>{token.name}</td>
      {showOwner ? <td>{token.user.email}</td> : null}
      <td>{token.team.name}</td>
      <td>{token.role === "member" ? "deploy" : "read"}</td>
      <td className="font-mono text-xs">{token.prefix}…</td>
      <td>{token.lastUsedAt ? utcTime(token.lastUsedAt, "minute") : "never"}</td>
      <td>{token.state === "active" ? utcTime(token.expiresAt, "minute") : <span className="badge bg-slate-100 text-slate-700">{token.state}</span>}</td>
      <RevokeCell id={token.id} action={action} state={state} revocable={token.state === "active"} />
    </tr>
  );
}
