import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/empty-state";
import { assignableRoles, roleAllows } from "@/lib/auth/roles";
import { env, mailEnabled, oidcEnabled } from "@/lib/server/env";
import { listInvitations } from "@/lib/server/invitations";
import { requireWorkspace } from "@/lib/server/session";
import { listMembers } from "@/lib/server/teams";
import { CreateTeamForm, InviteForm, InvitationRow, MemberRow } from "./team-forms";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const ws = await requireWorkspace();
  if (!ws.team) {
    return (
      <div className="max-w-xl space-y-6">
        <PageHeader title="You are not in a team yet" description="Ask a team owner or admin for an invitation link, or start your own team." />
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
  const emailHint = mail
    ? "We mail the link to this address; only that mailbox gets it. Leave empty for a link you share yourself."
    : oidcEnabled()
      ? `Only someone who signs in with ${env().BERTH_OIDC_NAME} as this address can accept. Leave empty for a link anyone with it can use once.`
      : "Berth cannot verify addresses here (no mail, no single sign-on): leave empty for a link anyone with it can use once.";
  return (
    <div className="space-y-8">
      <PageHeader title={ws.team.name} description="Owners and admins manage members; members build and deploy; viewers read." />
      <section aria-labelledby="members-h" className="card overflow-x-auto">
        <h2 id="members-h" className="px-4 pt-4 text-sm font-semibold">
          Members ({members.length})
        </h2>
        <table className="data-table mt-2">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th><span className="sr-only">Actions</span></th>
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
            Invite someone
          </h2>
          <InviteForm roles={roles} emailHint={emailHint} />
          {invitations.length > 0 ? (
            <table className="data-table">
              <thead>
                <tr>
                  <th>For</th>
                  <th>Role</th>
                  <th>State</th>
                  <th>Expires</th>
                  <th><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => (
                  <InvitationRow key={i.id} invitation={i} />
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">No invitations yet. Links expire; you can revoke a link any time before it is used.</p>
          )}
        </section>
      ) : null}
      <section className="card p-4">
        <h2 className="mb-3 text-sm font-semibold">Start another team</h2>
        <CreateTeamForm />
      </section>
    </div>
  );
}
