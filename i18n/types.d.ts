// Typed message keys: `t("a.b")` with a key missing from messages/en/ fails the type check.
// (messages/zh-CN/ has exactly the same keys: lib/i18n/catalogues.test.ts.)
import type en from "../messages/en";
import type { Locale } from "../lib/i18n/locales";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
