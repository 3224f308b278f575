import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/empty-state";
import { assignableRoles, roleAllows } from "@/lib/auth/roles";
import { env, mailEnabled, oidcEnabled } from "@/lib/server/env";
import { listInvitations } from "@/lib/server/invitations";
import { requireWorkspace } from "@/lib/server/session";
import { listMembers } from "@/lib/server/teams";
import { CreateTeamForm, InviteForm, InvitationRow, MemberRow } from "./team-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("team"))("title") };
}

export default async function TeamPage() {
  const [ws, t] = await Promise.all([requireWorkspace(), getTranslations("team")]);
  if (!ws.team) {
    return (
      <div className="max-w-xl space-y-6">
        <PageHeader title={t("noTeam")} description={t("noTeamHint")} />
        <div className="card p-5">
          <CreateTeamForm />
        </div>
      </div>
    );
  }
  const ctx = { userId: ws.user.id, teamId: ws.team.id };
  const manager = roleAllows(ws.team.role, "team.manage");
  const [members, invitations] = await Promise.all([listMembers(ctx), manager ? listInvitations(ctx) : Promise.resolve([])]);
  const roles = assignableRoles(ws.team.role);
  const mail = mailEnabled();
  // An address on an invitation must be proven by whoever accepts it (see lib/server/invitations.ts).
  const emailHint = mail ? t("emailHintMail") : oidcEnabled() ? t("emailHintSso", { provider: env().BERTH_OIDC_NAME }) : t("emailHintNone");
  return (
    <div className="space-y-8">
      <PageHeader title={ws.team.name} description={t("description")} />
      <section aria-labelledby="members-h" className="card overflow-x-auto">
        <h2 id="members-h" className="px-4 pt-4 text-sm font-semibold">
          {t("members", { count: members.length })}
        </h2>
        <table className="data-table mt-2">
          <thead>
            <tr>
              <th>{t("col.name")}</th>
              <th>{t("col.email")}</th>
              <th>{t("col.role")}</th>
              <th>
                <span className="sr-only">{t("col.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <MemberRow key={m.membershipId} member={m} roles={roles} canManage={manager && m.userId !== ws.user.id} canReset={manager && !mail && m.userId !== ws.user.id} />
            ))}
          </tbody>
        </table>
      </section>
      {manager ? (
        <section aria-labelledby="inv-h" className="card space-y-4 p-4">
          <h2 id="inv-h" className="text-sm font-semibold">
            {t("inviteTitle")}
          </h2>
          <InviteForm roles={roles} emailHint={emailHint} />
          {invitations.length > 0 ? (
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t("col.for")}</th>
                  <th>{t("col.role")}</th>
                  <th>{t("col.state")}</th>
                  <th>{t("col.expires")}</th>
                  <th>
                    <span className="sr-only">{t("col.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => (
                  <InvitationRow key={i.id} invitation={i} />
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">{t("noInvitations")}</p>
          )}
        </section>
      ) : null}
      <section className="card p-4">
        <h2 className="mb-3 text-sm font-semibold">{t("startAnother")}</h2>
        <CreateTeamForm />
      </section>
    </div>
  );
}
