import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { BackToSignIn } from "@/app/_components/back-to-sign-in";
import { mailEnabled } from "@/lib/server/env";
import { ForgotPasswordForm } from "./forgot-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("forgot.metaTitle") };
}
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  const t = useTranslations("auth.forgot");
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      {mailEnabled() ? (
        <>
          <p className="text-sm text-slate-600">{t("intro")}</p>
          <ForgotPasswordForm />
        </>
      ) : (
        <p data-testid="no-mail" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
          {t("noMail")}
        </p>
      )}
      <BackToSignIn />
    </div>
  );
}
