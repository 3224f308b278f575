"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/server/action";
import { forbidden } from "@/lib/server/errors";
import { acceptInvitation } from "@/lib/server/invitations";
import { currentUser, TEAM_COOKIE } from "@/lib/server/session";

export async function acceptInvitationAction(_prev: ActionState<{ teamId: string }>, formData: FormData): Promise<ActionState<{ teamId: string }>> {
  const result = await runAction(z.object({ token: z.string().min(1).max(200) }), { token: formData.get("token") }, async ({ token }) => {
    const user = await currentUser();
    if (!user) throw forbidden({ key: "auth.invite.signInFirst" });
    return acceptInvitation(user, token);
  });
  if (!result?.ok) return result;
  (await cookies()).set(TEAM_COOKIE, result.data.teamId, { httpOnly: true, sameSite: "lax", path: "/" });
  redirect("/templates");
}
