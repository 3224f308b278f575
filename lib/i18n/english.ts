// English text for messages outside a request's locale: logs, the API, the CLI, tests and the
// `message` fields that pure code keeps beside its message keys. Pure (use-intl's core only).
import { createTranslator } from "use-intl/core";
import en from "@/messages/en";
import { formatMsg, type Msg, type Translate } from "./message";

const translateEnglish = createTranslator({ locale: "en", messages: en, timeZone: "UTC" }) as unknown as Translate;

export function english(m: Msg | string): string {
  return formatMsg(translateEnglish, m);
}
