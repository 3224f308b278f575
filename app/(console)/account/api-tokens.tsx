"use client";
import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { failedFields, Field, FieldError, FormMessage, SubmitButton } from "@/app/_components/form";
import { RevokeCell } from "@/app/_components/revoke-cell";
import { formatDateTime } from "@/lib/i18n/format";
import type { ApiTokenView } from "@/lib/server/api-tokens";
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS, API_TOKEN_ROLES } from "@/lib/validation/api-tokens";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

// The account page's API tokens: make one (its secret is shown once), list, revoke.
export function CreateApiTokenForm({ teams, currentTeamId, viewerSomewhere }: { teams: { id: string; name: string }[]; currentTeamId: string; viewerSomewhere: boolean }) {
  const t = useTranslations("apiTokens");
  const locale = useLocale();
  const [state, action] = useActionState(createApiTokenAction, null);
  const { errors, values } = failedFields(state);
  return (
    <div className="space-y-3">
      <form action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
        <Field name="name" label={t("name")} errors={errors} defaultValue={values?.name} hint={t("nameHint")} />
        <div>
          <label htmlFor="token-team" className="label">
            {t("team")}
          </label>
          <select id="token-team" name="teamId" defaultValue={values?.teamId ?? currentTeamId} className="input">
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
          <FieldError id="token-team-error" message={errors?.teamId?.[0]} />
        </div>
        <div>
          <label htmlFor="token-role" className="label">
            {t("access")}
          </label>
          <select id="token-role" name="role" defaultValue={values?.role ?? "viewer"} className="input">
            {API_TOKEN_ROLES.map((r) => (
              <option key={r} value={r}>
                {r === "member" ? t("roleMember") : t("roleViewer")}
              </option>
            ))}
          </select>
          <FieldError id="token-role-error" message={errors?.role?.[0]} />
          {viewerSomewhere ? <p className="mt-1 text-xs text-slate-500">{t("deployNeedsMember")}</p> : null}
        </div>
        <Field
          name="expiresInDays"
          label={t("expiresInDays")}
          type="number"
          errors={errors}
          defaultValue={values?.expiresInDays ?? String(API_TOKEN_DEFAULT_DAYS)}
          hint={t("expiresHint", { max: API_TOKEN_MAX_DAYS })}
        />
        <div className="sm:col-span-2">
          <SubmitButton>{t("create")}</SubmitButton>
        </div>
      </form>
      {state?.ok ? (
        <div role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          {t("created", { name: state.data.name, expiresAt: formatDateTime(locale, new Date(state.data.expiresAt), "minute") })}
          <input readOnly aria-label={t("secretLabel")} data-testid="api-token-secret" className="input mt-1 font-mono text-xs" value={state.data.secret} />
        </div>
      ) : (
        <FormMessage state={state} />
      )}
    </div>
  );
}

export function ApiTokenTable({ tokens, showOwner, label }: { tokens: ApiTokenView[]; showOwner: boolean; label: string }) {
  const t = useTranslations("apiTokens.columns");
  return (
    <table className="data-table" aria-label={label}>
      <thead>
        <tr>
          <th>{t("name")}</th>
          {showOwner ? <th>{t("user")}</th> : null}
          <th>{t("team")}</th>
          <th>{t("access")}</th>
          <th>{t("prefix")}</th>
          <th>{t("lastUsed")}</th>
          <th>{t("expires")}</th>
          <th>
            <span className="sr-only">{t("actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <ApiTokenRow key={token.id} token={token} showOwner={showOwner} />
        ))}
      </tbody>
    </table>
  );
}

function ApiTokenRow({ token, showOwner }: { token: ApiTokenView; showOwner: boolean }) {
  const t = useTranslations("apiTokens");
  const locale = useLocale();
  const [state, action] = useActionState(revokeApiTokenAction, null);
  return (
    <tr data-testid="api-token-row">
      <td>{token.name}</td>
      {showOwner ? <td>{token.user.email}</td> : null}
      <td>{token.team.name}</td>
      <td>{token.role === "member" ? t("accessDeploy") : t("accessRead")}</td>
      <td className="font-mono text-xs">{token.prefix}…</td>
      <td>{token.lastUsedAt ? formatDateTime(locale, token.lastUsedAt, "minute") : t("never")}</td>
      <td>{token.state === "active" ? formatDateTime(locale, token.expiresAt, "minute") : <span className="badge bg-slate-100 text-slate-700">{t(`state.${token.state}`)}</span>}</td>
      <RevokeCell id={token.id} action={action} state={state} revocable={token.state === "active"} />
    </tr>
  );
}
