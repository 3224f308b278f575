import type { Metadata } from "next";
import Link from "next/link";
import { SsoButton } from "@/app/_components/sso-button";
import { env, oidcEnabled } from "@/lib/server/env";
import { describeInvitation } from "@/lib/server/invitations";
import { currentUser } from "@/lib/server/session";
import { oidcInvitationAction } from "../../actions";
import { AcceptInvitationForm } from "./accept-form";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

const STATE_MESSAGES = {
  accepted: "This invitation link has already been used.",
  revoked: "This invitation was revoked. Ask the team for a new link.",
  expired: "This invitation link has expired. Ask the team for a new link.",
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await describeInvitation(token);
  if (!invite || invite.state !== "pending") {
    return (
      <div className="space-y-3">
        <h1 className="text-lg font-semibold">Invitation not usable</h1>
        <p role="alert" className="text-sm text-red-800">
          {invite ? STATE_MESSAGES[invite.state as keyof typeof STATE_MESSAGES] : "This invitation link is not valid. Check that you copied all of it."}
        </p>
        <Link href="/login" className="btn-secondary">
          Go to sign in
        </Link>
      </div>
    );
  }
  const user = await currentUser();
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Join {invite.teamName}</h1>
      <p className="text-sm text-slate-600">
        You are invited to join <strong>{invite.teamName}</strong> as <strong>{invite.role}</strong>
        {invite.email ? <> (for {invite.email})</> : null}.
      </p>
      {user ? (
        <AcceptInvitationForm token={token} email={user.email} />
      ) : (
        <div className="space-y-3">
          <div className="flex gap-2">
            <Link href={`/signup?invitation=${encodeURIComponent(token)}`} className="btn-primary">
              Create an account
            </Link>
            <Link href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`} className="btn-secondary">
              Sign in
            </Link>
          </div>
          {oidcEnabled() ? <SsoButton action={oidcInvitationAction} label={`Continue with ${env().BERTH_OIDC_NAME}`} hidden={{ invitation: token }} /> : null}
          {invite.email ? (
            <p className="text-xs text-slate-500">
              Only an account whose address Berth has verified as {invite.email} can accept: sign in with single sign-on, or use the link mailed to you.
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
