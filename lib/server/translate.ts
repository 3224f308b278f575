import "server-only";
import { getTranslations } from "next-intl/server";
import { english } from "@/lib/i18n/english";
import { formatMsg, type Msg, type Translate } from "@/lib/i18n/message";

/**
 * Formats catalogue messages in this request's language (next-intl, i18n/request.ts). Outside a
 * request (scripts, tests) there is no locale: English.
 */
export async function requestTranslator(): Promise<(m: Msg | string) => string> {
  try {
    const t = (await getTranslations()) as unknown as Translate;
    return (m) => formatMsg(t, m);
  } catch {
    return english;
  }
}
