// For tests: a translator over one language's catalogue that throws on a missing key or a bad
// placeholder (next-intl would log and show the key), so a check in Chinese or English fails loudly.
import { createTranslator } from "use-intl/core";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";
import type { Locale } from "./locales";
import type { Translate } from "./message";

export function strictTranslator(locale: Locale): Translate {
  const messages = locale === "en" ? en : zh;
  return createTranslator({ locale, messages, timeZone: "UTC", onError: (e: Error) => { throw e; } }) as unknown as Translate;
}
