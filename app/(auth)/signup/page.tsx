import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SsoButton } from "@/app/_components/sso-button";
import { env } from "@/lib/server/env";
import { describeInvitation } from "@/lib/server/invitations";
import { requestTranslator } from "@/lib/server/translate";
import { signUpStatus } from "@/lib/server/users";
import { oidcInvitationAction, oidcSignInAction } from "../actions";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signup.title") };
}
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invitation?: string }> }) {
  const { invitation } = await searchParams;
  const invite = invitation ? await describeInvitation(invitation) : null;
  const status = await signUpStatus();
  const [t, troles, tr] = await Promise.all([getTranslations("auth"), getTranslations("team.roles"), requestTranslator()]);
  // A fresh install (the sign-in page sends its first visitor here): nobody could sign in yet.
  const first = !invite && status.fresh;
  // Without a usable invitation, where sign-up is by invitation only, say so instead of a form that would be refused.
  const refusal = status.msg && (status.closed || invite?.state !== "pending") ? tr(status.msg) : "";
  const provider = env().BERTH_OIDC_NAME;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">{first ? t("signup.titleFirst") : t("signup.title")}</h1>
      {first ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="first-account">
          {t("signup.firstAccount")}
        </p>
      ) : null}
      {invite ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
          {t.rich("signup.joinAs", { team: invite.teamName, role: troles(invite.role), strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
      ) : null}
      {refusal ? (
        <p data-testid="signup-policy" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
          {refusal}
        </p>
      ) : (
        <>
          {status.password ? <SignUpForm invitation={invitation ?? ""} email={invite?.email ?? ""} /> : null}
          {status.sso && (invitation || first) ? (
            <div className={status.password ? "border-t border-slate-200 pt-4" : ""}>
              {invitation ? (
                <SsoButton action={oidcInvitationAction} label={t("continueWith", { provider })} hidden={{ invitation }} />
              ) : (
                <SsoButton action={oidcSignInAction} label={t("continueWith", { provider })} hidden={{ next: "" }} />
              )}
            </div>
          ) : null}
          {!status.password && !invitation && !first ? <p className="text-sm text-slate-600">{t("signup.ssoOnly", { provider })}</p> : null}
        </>
      )}
      {first ? null : (
        <p className="text-sm text-slate-600">
          {t("signup.haveAccount")}{" "}
          <Link className="font-medium text-brand-600 hover:underline" href={invitation ? `/login?next=/invite/${invitation}` : "/login"}>
            {t("signIn")}
          </Link>
        </p>
      )}
    </div>
  );
}
