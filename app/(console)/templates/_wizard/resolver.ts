import { set, type FieldErrors, type ResolverResult } from "react-hook-form";
import type { Msg } from "@/lib/i18n/message";
import { ParameterDefinitionSchema } from "@/lib/manifests/params/param-schema";
import { checkParameterValue } from "@/lib/manifests/params/check-value";
import { fromZodIssue, validateAppSpec } from "@/lib/manifests/validate/validate-app-spec";
import { clean } from "./clean";
import type { WizardValues } from "./types";

/** Shows a message in the reader's language (next-intl's t through formatMsg). */
export type ShowMsg = (m: Msg | string) => string;

// This module (zod, the rules, re2js for parameter patterns) is loaded with import() by
// lazy-resolver.ts when the form is first validated: it is not part of the wizard's first load.

// @hookform/resolvers' zodResolver would run AppSpecSchema directly; going through
// validateAppSpec instead gives the same readable messages the server returns, with paths that
// are the form's own (`spec.containers.0.image`), and message keys shown in the reader's language.
export function resolveWizard(values: WizardValues, show: ShowMsg): ResolverResult<WizardValues> {
  const errors: FieldErrors<WizardValues> = {};
  const add = (path: string, message: string) => set(errors, path, { type: "validate", message });
  const result = validateAppSpec(clean(values.spec));
  if (!result.ok) for (const issue of result.issues) add(issue.path ? `spec.${issue.path}` : "spec.root", show(issue.msg ?? issue.message));
  if (!values.meta.name.trim()) add("meta.name", show({ key: "wizard.save.nameRequired" }));
  else if (values.meta.name.length > 100) add("meta.name", show({ key: "manifests.rules.maxChars", values: { max: 100 } }));
  values.parameters.forEach((p, i) => {
    const parsed = ParameterDefinitionSchema.safeParse(clean(p));
    if (!parsed.success) for (const issue of parsed.error.issues) add(`parameters.${i}.${issue.path.join(".")}`, show(fromZodIssue(issue).msg ?? issue.message));
    else if (parsed.data.default !== undefined) {
      const checked = checkParameterValue(parsed.data, parsed.data.default);
      if (!checked.ok) add(`parameters.${i}.default`, show(checked.msg));
    }
  });
  return Object.keys(errors).length ? { values: {}, errors } : { values, errors: {} };
}
