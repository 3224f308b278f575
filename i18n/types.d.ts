// Typed message keys: `t("a.b")` with a key missing from messages/en.json fails the type check.
// (messages/zh-CN.json has exactly the same keys: lib/i18n/catalogues.test.ts.)
import type en from "../messages/en.json";
import type { Locale } from "../lib/i18n/locales";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
