import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SsoButton } from "@/app/_components/sso-button";
import { env, oidcEnabled } from "@/lib/server/env";
import { describeInvitation } from "@/lib/server/invitations";
import { currentUser } from "@/lib/server/session";
import { oidcInvitationAction } from "../../actions";
import { AcceptInvitationForm } from "./accept-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("invite.metaTitle") };
}
export const dynamic = "force-dynamic";

const UNUSABLE_STATES = ["accepted", "revoked", "expired"] as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await describeInvitation(token);
  const [t, tr] = await Promise.all([getTranslations("auth"), getTranslations("team.roles")]);
  if (!invite || invite.state !== "pending") {
    const state = UNUSABLE_STATES.find((s) => s === invite?.state) ?? "invalid";
    return (
      <div className="space-y-3">
        <h1 className="text-lg font-semibold">{t("invite.notUsable")}</h1>
        <p role="alert" className="text-sm text-red-800">
          {t(`invite.${state}`)}
        </p>
        <Link href="/login" className="btn-secondary">
          {t("invite.goToSignIn")}
        </Link>
      </div>
    );
  }
  const user = await currentUser();
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  const values = { team: invite.teamName, role: tr(invite.role), strong };
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("invite.join", { team: invite.teamName })}</h1>
      <p className="text-sm text-slate-600">{invite.email ? t.rich("invite.invitedFor", { ...values, email: invite.email }) : t.rich("invite.invited", values)}</p>
      {user ? (
        <AcceptInvitationForm token={token} email={user.email} />
      ) : (
        <div className="space-y-3">
          <div className="flex gap-2">
            <Link href={`/signup?invitation=${encodeURIComponent(token)}`} className="btn-primary">
              {t("createAccount")}
            </Link>
            <Link href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`} className="btn-secondary">
              {t("signIn")}
            </Link>
          </div>
          {oidcEnabled() ? <SsoButton action={oidcInvitationAction} label={t("continueWith", { provider: env().BERTH_OIDC_NAME })} hidden={{ invitation: token }} /> : null}
          {invite.email ? <p className="text-xs text-slate-500">{t("invite.onlyVerified", { email: invite.email })}</p> : null}
        </div>
      )}
    </div>
  );
}
