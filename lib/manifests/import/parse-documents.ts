import type { Msg } from "@/lib/i18n/message";
import { LineCounter, parseAllDocuments, type Tags } from "yaml";
import { importMsg, keyed } from "./import-context";
import { guardInputSize } from "../validate/input-guard";
import { asArr, asStr, isObj, type Obj } from "./read";
import { SourcePositions } from "./source-positions";
import { describeSyntaxError } from "./syntax-errors";

export const IMPORT_LIMITS = { bytes: 1024 * 1024, documents: 100 } as const;

export interface ImportError {
  /** English (the API, the CLI); `msg` is the same message for the reader's language. */
  message: string;
  msg?: Msg;
  line?: number;
  column?: number;
  path?: string;
}

export type ParsedDocuments =
  | { ok: true; objects: Obj[]; notObjects: number[]; positions: SourcePositions; json: boolean }
  | { ok: false; errors: ImportError[] };

/**
 * Splits multi-document YAML into objects, unwrapping `kind: List`. Size is
 * checked before parsing, so a huge paste fails fast with a clear message.
 */
export function parseDocuments(text: string, options: { json?: boolean } = {}): ParsedDocuments {
  if (typeof text !== "string") return fail(importMsg("documents.notText"));
  if (utf8Bytes(text) > IMPORT_LIMITS.bytes) return fail(importMsg("documents.tooLarge"));
  const separators = text.match(/^---/gm)?.length ?? 0;
  if (separators > IMPORT_LIMITS.documents) return fail(importMsg("documents.tooManyDocuments", { max: IMPORT_LIMITS.documents }));

  const json = options.json === false ? undefined : parseJsonFast(text);
  if (json !== undefined) return collectObjects([json], new SourcePositions(), true);

  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, merge: true, prettyErrors: false, version: "1.1", customTags: kubectlTags });
  const errors: ImportError[] = [];
  const lines = new Set<number>();
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    for (const err of doc.errors) {
      const pos = lineCounter.linePos(err.pos[0]);
      // One nesting error says it all (5,000 `[` would otherwise give one per level).
      if (/call stack/i.test(err.message) || err.code === "RESOURCE_EXHAUSTION") return { ok: false, errors: [{ ...keyed(NESTED_TOO_DEEPLY), line: pos.line, column: pos.col }] };
      const described = describeSyntaxError(text, err.code, firstLine(err.message), pos.line, pos.col);
      // The parser often reports one mistake twice (two codes, same spot); the first says it.
      if (lines.has(described.line)) continue;
      lines.add(described.line);
      errors.push(described);
    }
  }
  if (errors.length) return { ok: false, errors: errors.slice(0, 20) };

  const values: unknown[] = [];
  const positions = new SourcePositions(text, lineCounter);
  const all = Array.isArray(docs) ? docs : [docs];
  for (let i = 0; i < all.length; i++) {
    try {
      const value = all[i].toJS({ maxAliasCount: 100 });
      positions.record(all[i], value);
      values.push(value);
    } catch (e) {
      // The parser's own reason stays English (a value of the message).
      const reason = e instanceof RangeError ? NESTED_TOO_DEEPLY : e instanceof Error ? e.message : String(e);
      return fail(importMsg("documents.inDocument", { n: i + 1, problem: reason }));
    }
  }
  return collectObjects(values, positions, false);
}

const NESTED_TOO_DEEPLY = importMsg("documents.nestedTooDeeply");

/** Objects of the documents, `kind: List` unwrapped; documents that are not objects are noted. */
function collectObjects(values: unknown[], positions: SourcePositions, json: boolean): ParsedDocuments {
  for (let i = 0; i < values.length; i++) {
    const refused = guardInputSize(values[i]);
    if (refused) return { ok: false, errors: [{ ...keyed(values.length > 1 ? importMsg("documents.inDocument", { n: i + 1, problem: refused.msg }) : refused.msg), ...(refused.path ? { path: refused.path } : {}) }] };
  }
  const objects: Obj[] = [];
  const notObjects: number[] = [];
  values.forEach((value, i) => {
    if (value === null || value === undefined) return;
    if (!isObj(value)) notObjects.push(i + 1);
    else if (asStr(value.kind)?.endsWith("List") && Array.isArray(value.items)) {
      for (const item of asArr(value.items)) isObj(item) ? objects.push(item) : notObjects.push(i + 1);
    } else objects.push(value);
  });
  if (objects.length > IMPORT_LIMITS.documents) return fail(importMsg("documents.tooManyObjects", { max: IMPORT_LIMITS.documents }));
  return { ok: true, objects, notObjects, positions, json };
}

/** `kubectl get -o json` output parses far faster as JSON; on any doubt the YAML path decides. */
function parseJsonFast(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== "{" && first !== "[") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * kubectl reads YAML with Go's yaml.v2: YAML 1.1 scalars (`0644` is octal,
 * `yes` is true) but timestamps and base-60 numbers (`8080:80`) stay strings.
 */
function kubectlTags(tags: Tags): Tags {
  return tags.filter((t) => typeof t === "string" || (t.format !== "TIME" && t.tag !== "tag:yaml.org,2002:timestamp"));
}

function fail(m: Msg): ParsedDocuments {
  return { ok: false, errors: [keyed(m)] };
}

function firstLine(message: string): string {
  return message.split("\n")[0];
}

function utf8Bytes(text: string): number {
  // Cheap upper bound first: each UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= IMPORT_LIMITS.bytes) return text.length;
  return new TextEncoder().encode(text).length;
}
