import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/empty-state";
import { FormMessage } from "@/app/_components/form";
import { SsoButton } from "@/app/_components/sso-button";
import { ssoError } from "@/app/_components/sso-errors";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { roleAllows } from "@/lib/auth/roles";
import { listMyApiTokens, listTeamApiTokens } from "@/lib/server/api-tokens";
import { env, oidcEnabled } from "@/lib/server/env";
import { requireWorkspace } from "@/lib/server/session";
import { requestTranslator } from "@/lib/server/translate";
import { accountOverview } from "@/lib/server/users";
import { connectSsoAction } from "./actions";
import { ApiTokenTable, CreateApiTokenForm } from "./api-tokens";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ error?: string; connected?: string }> }) {
  const ws = await requireWorkspace();
  const { error, connected } = await searchParams;
  const account = await accountOverview(ws.user.id);
  const myTokens = await listMyApiTokens(ws.user.id);
  const [t, ta, tr] = await Promise.all([getTranslations("apiTokens"), getTranslations("account"), requestTranslator()]);
  // Owners/admins also see (and may revoke) every member's tokens of the team they work in.
  const teamTokens = ws.team && roleAllows(ws.team.role, "team.manage") ? (await listTeamApiTokens({ userId: ws.user.id, teamId: ws.team.id })).filter((t) => t.user.id !== ws.user.id) : null;
  const refusal = ssoError(error, false);
  const provider = env().BERTH_OIDC_NAME;
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader title={ta("title")} description={ta("description")} />
      {refusal ? <FormMessage state={{ ok: false, message: tr(refusal) }} /> : null}
      {connected && account.ssoConnected ? <FormMessage state={{ ok: true, message: ta("connected", { provider }) }} /> : null}
      <dl className="card grid grid-cols-[10rem_1fr] gap-x-4 gap-y-3 p-5 text-sm">
        <dt className="text-slate-500">{ta("name")}</dt>
        <dd>{account.name}</dd>
        <dt className="text-slate-500">{ta("email")}</dt>
        <dd>
          {account.email}{" "}
          <span className="badge ml-1 bg-slate-100 text-slate-700" data-testid="email-verified">
            {account.emailVerified ? ta("verified") : ta("notVerified")}
          </span>
        </dd>
        <dt className="text-slate-500">{ta("password")}</dt>
        <dd>{account.hasPassword ? ta("passwordSet") : ta("passwordNone")}</dd>
        {oidcEnabled() ? (
          <>
            <dt className="text-slate-500">{provider}</dt>
            <dd data-testid="sso-state">{account.ssoConnected ? ta("ssoConnected") : ta("ssoNotConnected")}</dd>
          </>
        ) : null}
      </dl>
      {oidcEnabled() && !account.ssoConnected ? (
        <section className="card space-y-3 p-5">
          <h2 className="text-sm font-semibold">{ta("connectTitle")}</h2>
          <p className="text-sm text-slate-600">{ta("connectIntro", { provider })}</p>
          <div className="max-w-xs">
            <SsoButton action={connectSsoAction} label={ta("connect", { provider })} />
          </div>
        </section>
      ) : null}
      <section className="card space-y-4 p-5" aria-labelledby="api-tokens">
        <div>
          <h2 id="api-tokens" className="text-sm font-semibold">
            {t("title")}
          </h2>
          <p className="text-sm text-slate-600">
            {t.rich("intro", {
              code: (chunks) => <code>{chunks}</code>,
              link: (chunks) => (
                <Link href="/api-reference" className="underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </div>
        {ws.teams.length ? (
          <CreateApiTokenForm teams={ws.teams} currentTeamId={ws.team?.id ?? ws.teams[0].id} viewerSomewhere={ws.teams.some((team) => !roleAllows(team.role, "deploy.run"))} />
        ) : (
          <p className="text-sm text-slate-600">{t("joinTeamFirst")}</p>
        )}
        {myTokens.length ? <ApiTokenTable tokens={myTokens} showOwner={false} label={t("yours")} /> : null}
        {teamTokens?.length ? (
          <>
            <h3 className="text-sm font-semibold">{t("teamTokens", { team: ws.team?.name ?? "" })}</h3>
            <ApiTokenTable tokens={teamTokens} showOwner label={t("teamTokensLabel")} />
          </>
        ) : null}
      </section>
    </div>
  );
}
