import { english } from "@/lib/i18n/english";
import { msg } from "@/lib/i18n/message";
import * as z from "@/lib/zod";
import { isUnsafeKey } from "../plain-object";

export const PARAMETER_TYPES = ["string", "integer", "boolean", "enum", "quantity", "image"] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** A refinement's message as a catalogue key (read back by fromZodIssue) with its English. */
function keyed(key: string) {
  const m = msg(key);
  return { message: english(m), params: { msg: m } };
}

/** One typed template parameter, as the template author defines it. */
export const ParameterDefinitionSchema = z.object({
  name: z
    .string()
    .refine((n) => PARAMETER_NAME.test(n), keyed("params.definition.nameFormat"))
    .refine((n) => !isUnsafeKey(n), keyed("params.definition.nameReserved")),
  type: z.enum(PARAMETER_TYPES),
  label: z.string().max(100).optional(),
  description: z.string().max(2000).optional(),
  required: z.boolean().default(false),
  default: z.union([z.string().max(1024), z.number(), z.boolean()]).optional(),
  /** string and image: a regular expression the whole value must match */
  pattern: z.string().max(256).optional(),
  /** integer: value bounds; string: length bounds; quantity: bounds as quantities ("100m", "4Gi") */
  min: z.union([z.number(), z.string().max(64)]).optional(),
  max: z.union([z.number(), z.string().max(64)]).optional(),
  /** enum: the allowed values */
  options: z.array(z.string().max(253)).max(100).optional(),
  /** Users deploying the template cannot change a locked parameter's value. */
  lockedByAdmin: z.boolean().default(false),
});

export const ParameterListSchema = z.array(ParameterDefinitionSchema).max(100);

/** A template: a spec that may contain parameter references, and the parameters. */
export const TemplateSchema = z.object({
  spec: z.record(z.string(), z.unknown()),
  parameters: ParameterListSchema.default([]),
});

export type ParameterDefinition = z.output<typeof ParameterDefinitionSchema>;
export type Template = z.output<typeof TemplateSchema>;
export type ParameterValue = string | number | boolean;
