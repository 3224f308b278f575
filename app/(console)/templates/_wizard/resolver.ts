import { formatMsg, type Translate } from "@/lib/i18n/message";
import type { FormErrors } from "@/lib/web/form-store";
import { ParameterDefinitionSchema } from "@/lib/manifests/params/param-schema";
import { checkParameterValue } from "@/lib/manifests/params/check-value";
import { fromZodIssue, validateAppSpec } from "@/lib/manifests/validate/validate-app-spec";
import { clean } from "./clean";
import type { WizardValues } from "./types";

// This module (zod, the rules, re2js for parameter patterns) is loaded with import() by
// lazy-resolver.ts when the form is first validated: it is not part of the wizard's first load.

// Going through validateAppSpec (rather than AppSpecSchema directly) gives the same readable
// messages the server returns, with paths that are the form's own (`spec.containers.0.image`),
// and message keys shown in the reader's language. A path with two issues shows the last.
export function resolveWizard(values: WizardValues, t: Translate): FormErrors {
  const show = (m: Parameters<typeof formatMsg>[1]) => formatMsg(t, m);
  const errors: FormErrors = new Map();
  const add = (path: string, message: string) => errors.set(path, message);
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
  return errors;
}
