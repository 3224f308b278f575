import { getLocale, getTranslations } from "next-intl/server";
import { ActionSelect } from "@/app/_components/action-select";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { setLanguageAction } from "./account/actions";

/**
 * The account menu's language picker: the choice is saved on the user, so it follows them to any
 * browser. Rendered on the server; choosing a language calls setLanguageAction, whose revalidation
 * re-renders the page in it.
 */
export async function LanguageMenu() {
  const t = await getTranslations("language");
  const locale = await getLocale();
  return (
    <label className="flex items-center gap-1.5">
      <span className="sr-only">{t("label")}</span>
      <ActionSelect action={setLanguageAction} name="locale" aria-label={t("label")} data-testid="language-menu" className="input w-auto py-1" value={locale}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </ActionSelect>
    </label>
  );
}
