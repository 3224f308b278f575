import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FormMessage } from "@/app/_components/form";
import { SsoButton } from "@/app/_components/sso-button";
import { ssoError } from "@/app/_components/sso-errors";
import { env, oidcEnabled } from "@/lib/server/env";
import { currentUser } from "@/lib/server/session";
import { requestTranslator } from "@/lib/server/translate";
import { isFreshInstall } from "@/lib/server/users";
import { safeNextPath } from "@/lib/validation/account";
import { oidcSignInAction } from "../actions";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("login.title") };
}
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string; reset?: string }> }) {
  const { next, error, reset } = await searchParams;
  if (await currentUser()) redirect(safeNextPath(next));
  // Nobody can sign in on a fresh install: the first visitor creates the first account.
  if (!error && (await isFreshInstall())) redirect("/signup");
  const e = env();
  const [t, tr] = await Promise.all([getTranslations("auth"), requestTranslator()]);
  const refusal = ssoError(error, true);
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">{t("login.title")}</h1>
      {refusal ? <FormMessage state={{ ok: false, message: tr(refusal) }} /> : null}
      {reset ? <FormMessage state={{ ok: true, message: t("login.passwordChanged") }} /> : null}
      {e.BERTH_PASSWORD_SIGNIN ? (
        <>
          <SignInForm next={next ?? ""} />
          <p className="text-right text-sm">
            <Link className="text-brand-600 hover:underline" href="/forgot">
              {t("login.forgot")}
            </Link>
          </p>
        </>
      ) : null}
      {oidcEnabled() ? (
        <div className={e.BERTH_PASSWORD_SIGNIN ? "border-t border-slate-200 pt-4" : ""}>
          <SsoButton action={oidcSignInAction} label={t("continueWith", { provider: e.BERTH_OIDC_NAME })} hidden={{ next: next ?? "" }} />
        </div>
      ) : null}
      <p className="text-sm text-slate-600">
        {t("login.newHere")}{" "}
        <Link className="font-medium text-brand-600 hover:underline" href={`/signup${next ? `?next=${encodeURIComponent(next)}` : ""}`}>
          {t("createAccount")}
        </Link>
      </p>
    </div>
  );
}
