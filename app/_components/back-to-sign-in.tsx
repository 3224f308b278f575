import { useTranslations } from "next-intl";
import Link from "next/link";

export function BackToSignIn() {
  const t = useTranslations("common");
  return (
    <p className="text-sm text-slate-600">
      <Link className="font-medium text-brand-600 hover:underline" href="/login">
        {t("backToSignIn")}
      </Link>
    </p>
  );
}
