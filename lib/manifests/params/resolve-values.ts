import { english } from "@/lib/i18n/english";
import type { Msg } from "@/lib/i18n/message";
import * as z from "@/lib/zod";
import { ownValue, setOwn } from "../plain-object";
import { checkParameterValue, param } from "./check-value";
import type { ParameterDefinition, ParameterValue } from "./param-schema";

export interface ParameterIssue {
  /** The message for the reader's language when it is a catalogue message (`message` is its English). */
  msg?: Msg;
  /** The parameter concerned, when there is one. */
  parameter?: string;
  /** `parameters.2.default`, `values.replicas`, or a spec path such as `replicas`. */
  path: string;
  message: string;
}

/** An issue about one parameter: its message as a key, and that key's English. */
export function keyedIssue(parameter: string, path: string, m: Msg): ParameterIssue {
  return { parameter, path, message: english(m), msg: m };
}

/**
 * Checks the user's values against the definitions: unknown names, locked
 * parameters, required ones, types and bounds. Optional parameters without a
 * value stay absent.
 */
export function resolveValues(defs: ParameterDefinition[], values: Record<string, unknown>): { resolved: Record<string, ParameterValue>; errors: ParameterIssue[] } {
  const resolved: Record<string, ParameterValue> = {};
  const errors: ParameterIssue[] = [];
  const known = new Set(defs.map((d) => d.name));
  for (const name of Object.keys(values)) {
    if (!known.has(name)) errors.push(keyedIssue(name, `values.${name}`, param("notOfTemplate", { name })));
  }
  for (const def of defs) {
    const given = ownValue(values, def.name);
    const path = `values.${def.name}`;
    if (def.lockedByAdmin && given !== undefined && given !== def.default) {
      errors.push(keyedIssue(def.name, path, param("named", { name: def.name, problem: param("value.locked") })));
      continue;
    }
    const raw = given === undefined || given === "" ? def.default : given;
    if (raw === undefined) {
      if (def.required) errors.push(keyedIssue(def.name, path, param("named", { name: def.name, problem: param("value.required") })));
      continue;
    }
    const checked = checkParameterValue(def, raw);
    if (checked.ok) setOwn(resolved, def.name, checked.value);
    else errors.push({ parameter: def.name, path, message: checked.message, msg: checked.msg });
  }
  return { resolved, errors };
}

/** A zod schema for the deploy form's values (use with zodResolver); errors sit at `<parameter name>`. */
export function parameterValuesSchema(defs: ParameterDefinition[]) {
  return z.record(z.string(), z.unknown()).superRefine((values, ctx) => {
    for (const e of resolveValues(defs, values).errors) ctx.addIssue({ code: "custom", path: [e.parameter ?? e.path], message: e.message, params: { msg: e.msg } });
  });
}
