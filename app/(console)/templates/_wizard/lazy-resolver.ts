import type { Validator } from "@/lib/web/form-store";
import type { Translate } from "@/lib/i18n/message";
import type { WizardValues } from "./types";

/** Loads the wizard's validation (resolver.ts: zod, the rules, re2js) the first time it is needed. */
export const loadResolver = () => import("./resolver");

/** The wizard form's validator (messages in the reader's language, `t` = next-intl's); the validation code arrives on the first check. */
export function makeWizardResolver(t: Translate): Validator<WizardValues> {
  return async (values) => (await loadResolver()).resolveWizard(values, t);
}
