"use server";
import { cookies, headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { echoValues, runAction, type ActionState } from "@/lib/server/action";
import { forbidden } from "@/lib/server/errors";
import { createInvitation, revokeInvitation } from "@/lib/server/invitations";
import { createResetLink } from "@/lib/server/password-reset";
import { actionCtx, currentUser, TEAM_COOKIE } from "@/lib/server/session";
import { changeMemberRole, createTeam, listMyTeams, removeMember } from "@/lib/server/teams";
import { idSchema, inviteSchema, roleChangeSchema, teamNameSchema } from "@/lib/validation/account";

const COOKIE = { httpOnly: true, sameSite: "lax", path: "/" } as const;

export async function switchTeamAction(formData: FormData): Promise<void> {
  const user = await currentUser();
  const teamId = String(formData.get("teamId") ?? "");
  if (!user || !(await listMyTeams(user.id)).some((t) => t.id === teamId)) return;
  (await cookies()).set(TEAM_COOKIE, teamId, COOKIE);
  revalidatePath("/", "layout");
}

export async function createTeamAction(_prev: ActionState<string>, formData: FormData): Promise<ActionState<string>> {
  return runAction(teamNameSchema, { name: formData.get("name") }, async ({ name }) => {
    const user = await currentUser();
    if (!user) throw forbidden({ key: "errors.sessionEnded" });
    const teamId = await createTeam(user, name);
    (await cookies()).set(TEAM_COOKIE, teamId, COOKIE);
    revalidatePath("/", "layout");
    return teamId;
  }, echoValues(formData));
}

/** For links shown to the signed-in manager: the configured public URL, request headers only as the fallback. */
async function shownOrigin(): Promise<string> {
  const h = await headers();
  return process.env.AUTH_URL?.replace(/\/+$/, "") || `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
}

export async function inviteAction(_prev: ActionState<{ link: string; sentTo: string }>, formData: FormData): Promise<ActionState<{ link: string; sentTo: string }>> {
  return runAction(inviteSchema, { email: formData.get("email") ?? "", role: formData.get("role") }, async (input) => {
    const { token, mailed } = await createInvitation(await actionCtx(), input);
    revalidatePath("/team");
    // A mailed link goes to its address only: holding it is what proves the address.
    return mailed ? { link: "", sentTo: input.email } : { link: `${await shownOrigin()}/invite/${token}`, sentTo: "" };
  }, echoValues(formData));
}

export async function resetLinkAction(_prev: ActionState<{ link: string }>, formData: FormData): Promise<ActionState<{ link: string }>> {
  return runAction(idSchema, { id: formData.get("membershipId") }, async ({ id }) => {
    const { token } = await createResetLink(await actionCtx(), id);
    return { link: `${await shownOrigin()}/reset/${token}` };
  });
}

export async function revokeInvitationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(idSchema, { id: formData.get("id") }, async ({ id }) => {
    await revokeInvitation(await actionCtx(), id);
    revalidatePath("/team");
    return undefined;
  });
}

export async function changeRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const input = { membershipId: formData.get("membershipId"), role: formData.get("role") };
  return runAction(roleChangeSchema, input, async ({ membershipId, role }) => {
    await changeMemberRole(await actionCtx(), membershipId, role);
    revalidatePath("/team");
    return undefined;
  });
}

export async function removeMemberAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(z.object({ id: z.string().min(1).max(64) }), { id: formData.get("id") }, async ({ id }) => {
    await removeMember(await actionCtx(), id);
    revalidatePath("/team");
    return undefined;
  });
}
