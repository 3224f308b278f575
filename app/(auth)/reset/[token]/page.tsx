import type { Metadata } from "next";
import { BackToSignIn } from "@/app/_components/back-to-sign-in";
import { describeResetLink } from "@/lib/server/password-reset";
import { ResetPasswordForm } from "./reset-form";

export const metadata: Metadata = { title: "Choose a new password" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describeResetLink(token);
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Choose a new password</h1>
      {link.state === "usable" ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p role="alert" className="text-sm text-red-800">
          {link.message}
        </p>
      )}
      <BackToSignIn />
    </div>
  );
}
