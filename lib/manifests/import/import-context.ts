import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { emitYaml } from "../render/emit-yaml";
import type { ImportError } from "./parse-documents";
import { hasOwnKey, ownValue, setOwn } from "../plain-object";
import { isObj, type Obj } from "./read";
import { SourcePositions, type Position } from "./source-positions";

export interface ImportWarning {
  /** English (the API, the CLI); `msg` is the same message for the reader's language. */
  message: string;
  msg?: Msg;
  /** Spec path of the field concerned, when there is one. */
  path?: string;
  /** Where in the input that field was written, when known. */
  line?: number;
  column?: number;
}

/** An import message (`importYaml.<key>` in messages/<locale>/importYaml.json). */
export const importMsg = (key: string, values?: Msg["values"]): Msg => msg(`importYaml.${key}`, values);

/** A message and its English, as warnings and errors carry them. */
export const keyed = (m: Msg): { message: string; msg: Msg } => ({ message: english(m), msg: m });

/** A place in the input: a parsed map or list and, optionally, one of its keys. */
type Source = [holder: unknown, key?: string];

/**
 * Collects warnings and shape errors while objects are turned into a spec, and
 * knows where each part of the spec came from in the input, so a message about
 * a spec path (`replicas`, `containers.0.env`) can carry the line and column.
 */
export class ImportContext {
  readonly warnings: ImportWarning[] = [];
  readonly errors: ImportError[] = [];
  /** Spec path → the input maps that hold its fields (a spec path's keys are looked up in them). */
  private readonly sources = new Map<string, Source[]>();

  constructor(readonly positions: SourcePositions = new SourcePositions()) {}

  warn(m: Msg, path?: string): void {
    this.warnings.push(path === undefined ? keyed(m) : { ...keyed(m), path });
  }

  /** A shape error: the import fails, naming the path and where it was written. */
  error(m: Msg, path: string, at?: Source): void {
    const pos = at ? this.positions.at(at[0], at[1]) : this.locate(path);
    this.errors.push({ ...keyed(m), path, ...pos });
  }

  /** Warns about fields of a list item the model cannot keep. */
  dropped(rest: Record<string, unknown>, what: Msg, path: string): void {
    const keys = Object.keys(rest);
    if (keys.length) this.warn(importMsg("warn.dropped", { what, count: keys.length, fields: keys.join(", ") }), path);
  }

  /**
   * `holder[key]` as a list. Absent or null is an empty list; a map or a scalar
   * is an error (kubectl refuses them too) with a hint of the list it may mean.
   */
  list(holder: unknown, key: string, path: string): unknown[] {
    const value = ownValue(holder, key);
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    const message = isObj(value)
      ? importMsg("shape.listHint", { key, hint: listHint(key, value) })
      : importMsg("shape.listNot", { key, what: describeScalar(value) });
    this.error(message, path, [holder, key]);
    return [];
  }

  /**
   * `holder[key]` as labels or annotations. A value YAML read as a number or a
   * boolean is refused with its path (kubectl refuses it too): it is never
   * turned into a different string than the one written.
   */
  stringMap(holder: unknown, key: string, path: string): Record<string, string> {
    const value = ownValue(holder, key);
    const out: Record<string, string> = {};
    if (value === undefined || value === null) return out;
    if (!isObj(value)) {
      this.error(importMsg("shape.mapNot", { key, what: Array.isArray(value) ? kind("list") : describeScalar(value) }), path, [holder, key]);
      return out;
    }
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "string") setOwn(out, k, v);
      else this.error(this.notAString(value, k), `${path}.${k}`, [value, k]);
    }
    return out;
  }

  /** "must be a string: YAML read `yes` as a boolean; write "yes" in quotes". */
  notAString(holder: unknown, key: string): Msg {
    const value = ownValue(holder, key);
    const written = this.positions.textOf(holder, key);
    if (written !== undefined && (typeof value === "boolean" || typeof value === "number" || value === null)) {
      const read = value === null ? kind("null") : describeScalar(value);
      return importMsg("shape.stringRead", { written, kind: read, quoted: written.replace(/"/g, '\\"') });
    }
    return importMsg("shape.stringNot", { what: Array.isArray(value) ? kind("list") : isObj(value) ? kind("map") : describeScalar(value) });
  }

  /** Registers the input maps that hold the fields of a spec path (e.g. `""` → StatefulSet metadata and spec). */
  source(path: string, ...holders: unknown[]): void {
    for (const h of holders) if (typeof h === "object" && h !== null) this.addSource(path, [h]);
  }

  /** A spec path whose value is `holder[key]` under another name (`podLabels` → template `metadata.labels`). */
  sourceKey(path: string, holder: unknown, key: string): void {
    if (hasOwnKey(holder, key)) this.addSource(path, [holder, key]);
  }

  private addSource(path: string, source: Source): void {
    const list = this.sources.get(path);
    if (list) list.push(source);
    else this.sources.set(path, [source]);
  }

  /**
   * The input position of a spec path: the longest registered prefix, then its
   * remaining keys looked up in the input as far as they go.
   */
  locate(path: string): (Position & { holder?: unknown; key?: string }) | undefined {
    const segments = path === "" ? [] : path.split(".");
    let best: { score: number; pos: Position; holder?: unknown; key?: string } | undefined;
    for (let i = segments.length; i >= 0; i--) {
      const candidates = this.sources.get(segments.slice(0, i).join("."));
      if (!candidates) continue;
      for (const [holder, key] of candidates) {
        let cur: unknown = key === undefined ? holder : ownValue(holder, key);
        let pos = this.positions.at(holder, key);
        let at: { holder?: unknown; key?: string } = key === undefined ? {} : { holder, key };
        let depth = 0;
        for (const seg of segments.slice(i)) {
          if (typeof cur !== "object" || cur === null || !this.positions.has(cur, seg)) break;
          pos = this.positions.at(cur, seg) ?? pos;
          at = { holder: cur, key: seg };
          cur = ownValue(cur, seg);
          depth++;
        }
        const score = i + depth;
        if (pos && (!best || score > best.score)) best = { score, pos, ...at };
      }
      if (best) break;
    }
    return best ? { ...best.pos, holder: best.holder, key: best.key } : undefined;
  }

  /** The position of a spec path, for a message about it. */
  positionOf(path: string | undefined): Position | undefined {
    if (path === undefined) return undefined;
    const found = this.locate(path);
    return found ? { line: found.line, column: found.column } : undefined;
  }
}

const kind = (k: string, values?: Msg["values"]): Msg => importMsg(`shape.kind.${k}`, values);

function describeScalar(value: unknown): Msg {
  if (value === null) return kind("empty");
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean" ? kind(type) : kind("other", { type });
}

/** The list the user probably meant: `env: {A: b}` → `- name: A\n  value: b`; otherwise the map as one item. */
function listHint(key: string, value: Obj): string {
  const entries = Object.entries(value);
  const nameValuePairs = key === "env" && !hasOwnKey(value, "name") && entries.every(([, v]) => typeof v !== "object" || v === null);
  const items = nameValuePairs ? entries.map(([name, v]) => ({ name, value: String(v) })) : [value];
  const text = emitYaml(items).trimEnd();
  const lines = text.split("\n");
  return lines.length > 8 ? `${lines.slice(0, 8).join("\n")}\n  …` : text;
}
