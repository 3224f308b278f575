import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SsoButton } from "@/app/_components/sso-button";
import { env, oidcEnabled } from "@/lib/server/env";
import { describeInvitation } from "@/lib/server/invitations";
import { currentUser } from "@/lib/server/session";
import { requestTranslator } from "@/lib/server/translate";
import { msg, type Msg } from "@/lib/i18n/message";
import { oidcInvitationAction } from "../../actions";
import { AcceptInvitationForm } from "./accept-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("invite.metaTitle") };
}
export const dynamic = "force-dynamic";

// Why a link cannot be used: the data layer's words where it has them (it refuses with the same).
const UNUSABLE: Record<"accepted" | "revoked" | "expired" | "invalid", Msg> = {
  accepted: msg("serverErrors.invitations.linkUsed"),
  revoked: msg("serverErrors.invitations.revoked"),
  expired: msg("serverErrors.invitations.linkExpired"),
  invalid: msg("auth.invite.invalid"),
};

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await describeInvitation(token);
  const [t, troles, tr] = await Promise.all([getTranslations("auth"), getTranslations("team.roles"), requestTranslator()]);
  if (!invite || invite.state !== "pending") {
    const state = invite && invite.state !== "pending" ? invite.state : "invalid";
    return (
      <div className="space-y-3">
        <h1 className="text-lg font-semibold">{t("invite.notUsable")}</h1>
        <p role="alert" className="text-sm text-red-800">
          {tr(UNUSABLE[state])}
        </p>
        <Link href="/login" className="btn-secondary">
          {t("invite.goToSignIn")}
        </Link>
      </div>
    );
  }
  const user = await currentUser();
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  const values = { team: invite.teamName, role: troles(invite.role), strong };
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
