import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackToSignIn } from "@/app/_components/back-to-sign-in";
import { describeResetLink } from "@/lib/server/password-reset";
import { requestTranslator } from "@/lib/server/translate";
import { ResetPasswordForm } from "./reset-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("reset.title") };
}
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [link, t, tr] = await Promise.all([describeResetLink(token), getTranslations("auth.reset"), requestTranslator()]);
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      {link.state === "usable" ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p role="alert" className="text-sm text-red-800">
          {link.msg ? tr(link.msg) : null}
        </p>
      )}
      <BackToSignIn />
    </div>
  );
}
