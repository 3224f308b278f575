"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { setLanguageAction } from "./account/actions";

/** The account menu's language picker: the choice is saved on the user, so it follows them to any browser. */
export function LanguageMenu() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className="flex items-center gap-1.5">
      <span className="sr-only">{t("label")}</span>
      <select
        aria-label={t("label")}
        data-testid="language-menu"
        className="input w-auto py-1"
        value={locale}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          start(async () => {
            const result = await setLanguageAction(next);
            if (result?.ok) router.refresh();
          });
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
