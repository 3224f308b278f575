"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/server/action";
import { localizedFailure } from "@/lib/server/action";
import { signIn } from "@/lib/server/auth";
import { setMyLocale } from "@/lib/server/account-language";
import { currentUser } from "@/lib/server/session";
import { makeLinkIntent, SSO_COOKIE_OPTIONS, SSO_LINK_COOKIE } from "@/lib/server/sso-link";

/** "Connect single sign-on": the identity that comes back from the provider is connected to this account. */
export async function connectSsoAction(): Promise<void> {
  const user = await currentUser();
  if (!user) redirect("/login?next=/account");
  (await cookies()).set(SSO_LINK_COOKIE, makeLinkIntent(user.id), SSO_COOKIE_OPTIONS);
  await signIn("oidc", { redirectTo: "/account?connected=1" });
}

/** The account menu's language choice: saved on the user (audited), every page re-rendered in it. */
export async function setLanguageAction(locale: string): Promise<ActionState> {
  const user = await currentUser();
  if (!user) redirect("/login");
  try {
    await setMyLocale(user.id, String(locale).slice(0, 16));
  } catch (error) {
    return localizedFailure(error);
  }
  revalidatePath("/", "layout");
  return { ok: true, data: undefined };
}
