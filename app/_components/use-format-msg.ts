import { useTranslations } from "next-intl";
import { formatMsg, type Msg, type Translate } from "@/lib/i18n/message";

/**
 * Words a data-layer or lib/manifests message (`Msg`) in the reader's language; plain text (the
 * cluster's own words, or English from an older record) is shown as it is. For client and
 * non-async server components; async server components use requestTranslator (lib/server/translate.ts).
 */
export function useFormatMsg(): (m: Msg | string) => string {
  const t = useTranslations() as unknown as Translate;
  return (m) => formatMsg(t, m);
}
