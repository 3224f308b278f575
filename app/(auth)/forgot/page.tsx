import type { Metadata } from "next";
import { BackToSignIn } from "@/app/_components/back-to-sign-in";
import { mailEnabled } from "@/lib/server/env";
import { ForgotPasswordForm } from "./forgot-form";

export const metadata: Metadata = { title: "Forgot password" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Forgot your password?</h1>
      {mailEnabled() ? (
        <>
          <p className="text-sm text-slate-600">Enter your account&apos;s email. We mail you a link to choose a new password; it works once, for 30 minutes.</p>
          <ForgotPasswordForm />
        </>
      ) : (
        <p data-testid="no-mail" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
          Berth cannot send mail here. Ask an owner or admin of your team for a password reset link (they make one on the Team page).
        </p>
      )}
      <BackToSignIn />
    </div>
  );
}
