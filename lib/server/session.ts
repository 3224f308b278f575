import "server-only";
import { msg } from "@/lib/i18n/message";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/lib/auth/roles";
import { auth } from "./auth";
import { rememberActor, type Ctx } from "./authz";
import { db } from "./db";
import { forbidden } from "./errors";
import { noteUser } from "./observability/request-store";
import { listMyTeams, type TeamSummary } from "./teams";
import type { SessionUser } from "./users";

export const TEAM_COOKIE = "berth_team";

// The layout, the page and the data layer of one page view all ask who is signed in: React's
// cache() makes that one database read per server render (its memory is the render's, never
// shared between requests; outside a render — server actions, route handlers, tests — it does
// not cache and every call reads again).

/**
 * The signed-in user's row, with their saved language: one session check and one read per render
 * serve both currentUser() and the request's language (locale.ts).
 */
export const signedInUser = cache(async (): Promise<(SessionUser & { locale: string | null }) | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  noteUser(id); // this request's log lines name the user
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, locale: true } });
});

/** The signed-in user, re-read from the database (a deleted account's token stops working). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const user = await signedInUser();
  return user ? { id: user.id, email: user.email, name: user.name } : null;
});

export type Workspace = { user: SessionUser; teams: TeamSummary[]; team: TeamSummary | null };

/** The user plus the team they are working in (cookie, checked against memberships). */
export const currentWorkspace = cache(async (): Promise<Workspace | null> => {
  const user = await currentUser();
  if (!user) return null;
  const teams = await listMyTeams(user.id);
  const wanted = (await cookies()).get(TEAM_COOKIE)?.value;
  const team = teams.find((t) => t.id === wanted) ?? teams[0] ?? null;
  // The same rows the data layer's authorize() reads for this user and team (authz.ts).
  if (team) rememberActor({ userId: user.id, teamId: team.id, role: team.role, email: user.email, name: user.name });
  return { user, teams, team };
});

/** For pages: the workspace, or a redirect to sign-in. */
export async function requireWorkspace(): Promise<Workspace> {
  const ws = await currentWorkspace();
  if (!ws) redirect("/login");
  return ws;
}

/** For pages that need a team: redirects to the team page (create or join one) when there is none. */
export async function requireTeamWorkspace(): Promise<Workspace & { team: TeamSummary; ctx: Ctx; role: Role }> {
  const ws = await requireWorkspace();
  if (!ws.team) redirect("/team");
  return { ...ws, team: ws.team, ctx: { userId: ws.user.id, teamId: ws.team.id }, role: ws.team.role };
}

/** For server actions: the caller's { userId, teamId }. The data layer still checks the role. */
export async function actionCtx(): Promise<Ctx & { user: SessionUser }> {
  const ws = await currentWorkspace();
  if (!ws) throw forbidden(msg("errors.sessionEnded"));
  if (!ws.team) throw forbidden(msg("serverErrors.authz.joinTeamFirst"));
  return { userId: ws.user.id, teamId: ws.team.id, user: ws.user };
}
