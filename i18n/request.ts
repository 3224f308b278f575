// next-intl's per-request configuration (found by the plugin in next.config.js): the locale
// (lib/server/locale.ts: saved choice → Accept-Language → English), its catalogue, and the
// time zone every time is shown in (UTC, always named next to the time).
import { getRequestConfig } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { requestLocale } from "@/lib/server/locale";

const catalogues: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import("../messages/en"),
  "zh-CN": () => import("../messages/zh-CN"),
};

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: (await catalogues[locale]()).default, timeZone: "UTC" };
});
