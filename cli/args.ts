import { parseArgs, type ParseArgsConfig } from "node:util";
import { isUnsafeKey } from "@/lib/manifests/plain-object";
import { usageError } from "./errors";
import type { OutputFormat } from "./output";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  output: { type: "string", short: "o" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

/** Options of the commands that talk to a server. */
export const SERVER_OPTIONS = {
  insecure: { type: "boolean" },
} as const satisfies Options;

/** node:util parseArgs, strict, with usage errors the user can act on. */
export function parse<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageError(e instanceof Error ? e.message.replace(/^Unknown option '(.*)'.*$/s, "unknown option $1") : String(e));
  }
}

export function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === "table") return "table";
  if (value === "json" || value === "yaml") return value;
  throw usageError(`--output must be json or yaml (or table, the default), not "${value}"`);
}

/** `--set k=v` (repeatable) → parameter values as typed on the command line (the server coerces them as the form does). */
export function parseSets(sets: string[] | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const s of sets ?? []) {
    const eq = s.indexOf("=");
    if (eq <= 0) throw usageError(`--set ${s}: write --set name=value`);
    const key = s.slice(0, eq).trim();
    if (isUnsafeKey(key)) throw usageError(`--set ${key}: not a parameter name`);
    if (Object.hasOwn(values, key)) throw usageError(`--set ${key} is given twice`);
    Object.defineProperty(values, key, { value: s.slice(eq + 1), enumerable: true, writable: true, configurable: true });
  }
  return values;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const MAX_TIMEOUT_MS = 24 * 3_600_000;

/** `10m`, `90s`, `1h30m` → milliseconds (at most 24h). */
export function parseDuration(text: string, option = "--timeout"): number {
  const parts = /^(?:\d+(?:ms|s|m|h))+$/.test(text) ? [...text.matchAll(/(\d+)(ms|s|m|h)/g)] : [];
  if (!parts.length) throw usageError(`${option} ${text}: write a duration like 90s, 10m or 1h30m`);
  const ms = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit], 0);
  if (ms <= 0 || ms > MAX_TIMEOUT_MS) throw usageError(`${option} ${text}: must be more than 0 and at most 24h`);
  return ms;
}

/** `web@3` → { template: "web", version: 3 }; `web` or `web@latest` → the latest version. */
export function parseTemplateRef(ref: string): { template: string; version: number | "latest" } {
  const at = ref.lastIndexOf("@");
  const template = at > 0 ? ref.slice(0, at) : ref;
  const v = at > 0 ? ref.slice(at + 1) : "latest";
  if (!template.trim()) throw usageError("name a template: TEMPLATE or TEMPLATE@VERSION");
  if (v === "latest") return { template, version: "latest" };
  if (!/^[1-9]\d{0,8}$/.test(v)) throw usageError(`${ref}: the version after @ must be a number or "latest"`);
  return { template, version: Number(v) };
}

/** Exactly `count` positional arguments, named in the message when missing. */
export function positionals(values: string[], names: string[]): string[] {
  if (values.length < names.length) throw usageError(`missing ${names.slice(values.length).join(" ")}`);
  if (values.length > names.length) throw usageError(`unexpected argument ${values[names.length]}`);
  return values;
}
