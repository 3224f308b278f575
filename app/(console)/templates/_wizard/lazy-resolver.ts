import type { Resolver } from "react-hook-form";
import type { ShowMsg } from "./resolver";
import type { WizardValues } from "./types";

/** Loads the wizard's validation (resolver.ts: zod, the rules, re2js) the first time it is needed. */
export const loadResolver = () => import("./resolver");

/** react-hook-form's resolver for the wizard; the validation code arrives on the first check. */
export function makeWizardResolver(show: ShowMsg): Resolver<WizardValues> {
  return async (values) => (await loadResolver()).resolveWizard(values, show);
}
