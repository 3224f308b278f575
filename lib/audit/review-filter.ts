import { z } from "@/lib/zod";
import { msg, type Msg } from "@/lib/i18n/message";
import { AUDIT_ACTIONS } from "./actions";

// The review filter as it travels in a URL (/audit?actor=…&action=…), shared by the page, the
// export route and the tests. Pure: parsing never throws; a bad value is dropped and reported
// (as a catalogue message, "validation.audit.…": the page shows it in the reader's language).
export const FILTER_KEYS = ["actor", "action", "targetType", "target", "cluster", "namespace", "result", "from", "to"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type ReviewFilter = {
  actor?: string; // an email address
  action?: string;
  targetType?: string;
  target?: string; // a target id (exact) or part of its name
  cluster?: string; // a cluster name or id (exact)
  namespace?: string;
  result?: "success" | "failure";
  from?: Date; // inclusive
  to?: Date; // exclusive
};

const text = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : undefined));
/** datetime-local values ("2026-11-25T10:30") are UTC on this page; a full ISO time is taken as is. */
const time = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(v) ? `${v}Z` : v;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(v)) {
      ctx.addIssue({ code: "custom", message: "validation.audit.time" });
      return z.NEVER;
    }
    return date;
  });

/** One of a list; an empty value means "any". */
const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values, { message }).optional());

const fieldSchemas = {
  actor: text(254).transform((v) => v?.toLowerCase()),
  action: choice(AUDIT_ACTIONS, "validation.audit.action"),
  targetType: text(64),
  target: text(200),
  cluster: text(200),
  namespace: text(253),
  result: choice(["success", "failure"] as const, "validation.audit.result"),
  from: time,
  to: time,
} satisfies Record<FilterKey, z.ZodType>;

export type ParsedFilter = { filter: ReviewFilter; errors: Partial<Record<FilterKey, Msg>> };

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

export function parseReviewFilter(params: Params): ParsedFilter {
  const filter: Record<string, unknown> = {};
  const errors: ParsedFilter["errors"] = {};
  for (const key of FILTER_KEYS) {
    const parsed = fieldSchemas[key].safeParse(read(params, key));
    if (parsed.success) {
      if (parsed.data !== undefined) filter[key] = parsed.data;
    } else {
      const message = parsed.error.issues[0]?.message ?? "";
      errors[key] = msg(message.startsWith("validation.audit.") ? message : "validation.audit.invalid");
    }
  }
  return { filter: filter as ReviewFilter, errors };
}

/** The filter back as query parameters (times as full ISO strings), for links and exports. */
export function filterToParams(filter: ReviewFilter): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filter[key];
    if (v instanceof Date) out.set(key, v.toISOString());
    else if (v) out.set(key, v);
  }
  return out;
}

/** A Date as the value of a datetime-local input showing UTC. */
export function toUtcInputValue(date: Date | undefined): string {
  if (!date) return "";
  const iso = date.toISOString();
  return date.getUTCSeconds() || date.getUTCMilliseconds() ? iso.slice(0, 23) : iso.slice(0, 16);
}
