import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from "yaml";
import { hasOwnKey } from "../plain-object";

export interface Position {
  line: number;
  column: number;
}

interface Entry {
  /** Offset of the key (maps) or of the item (lists). */
  key: number;
  /** The value's source text when it is a plain scalar, e.g. `yes` or `8080`. */
  text?: string;
}

interface NodeInfo {
  start: number;
  entries: Map<string, Entry>;
}

/**
 * Where the parsed values came from: each map and list produced by `toJS()` is
 * remembered (by identity) with the offsets of its keys and items, so an error
 * found later on a JS object can name its line and column. Anchors, aliases and
 * merge keys (`<<`) point at the text that defined the value.
 */
export class SourcePositions {
  private readonly info = new WeakMap<object, NodeInfo>();

  constructor(
    private readonly text = "",
    private readonly lineCounter?: LineCounter,
  ) {}

  /** Walks a document next to its `toJS()` value (iteratively: nesting depth is the input's). */
  record(doc: Document, value: unknown): void {
    const stack: [unknown, unknown][] = [[doc.contents, value]];
    while (stack.length) {
      const [rawNode, v] = stack.pop()!;
      const node = isAlias(rawNode) ? rawNode.resolve(doc) : rawNode;
      if (!node || typeof v !== "object" || v === null || this.info.has(v)) continue;
      const info: NodeInfo = { start: (node as { range?: number[] }).range?.[0] ?? 0, entries: new Map() };
      this.info.set(v, info);
      const obj = v as Record<string, unknown>;
      if (isSeq(node) && Array.isArray(v)) {
        node.items.forEach((item, i) => {
          info.entries.set(String(i), { key: (item as { range?: number[] })?.range?.[0] ?? info.start, text: this.scalarText(item) });
          stack.push([item, v[i]]);
        });
      } else if (isMap(node) && !Array.isArray(v)) {
        const add = (pairs: typeof node.items, local: boolean) => {
          for (const pair of pairs) {
            if (!isScalar(pair.key)) continue;
            const key = String(pair.key.value);
            if (key === "<<" && local) {
              const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
              for (const s of sources) {
                const merged = isAlias(s) ? s.resolve(doc) : s;
                if (isMap(merged)) add(merged.items, false);
              }
              continue;
            }
            if (!local && info.entries.has(key)) continue;
            if (!hasOwnKey(obj, key)) continue;
            info.entries.set(key, { key: pair.key.range?.[0] ?? info.start, text: this.scalarText(pair.value) });
            stack.push([pair.value, obj[key]]);
          }
        };
        // Local keys first, so they win over merged ones as in YAML's merge semantics.
        add(node.items.filter((p) => !(isScalar(p.key) && p.key.value === "<<")), true);
        add(node.items.filter((p) => isScalar(p.key) && p.key.value === "<<"), true);
      }
    }
  }

  /** A copy made while reading (e.g. metadata without the noise) answers for its original. */
  link(copy: unknown, original: unknown): void {
    if (typeof copy !== "object" || copy === null) return;
    const info = this.infoOf(original);
    if (info && !this.info.has(copy)) this.info.set(copy, info);
  }

  /** Position of `key` in `holder` (or of the holder itself without a key). */
  at(holder: unknown, key?: string | number): Position | undefined {
    const info = this.infoOf(holder);
    if (!info) return undefined;
    const entry = key === undefined ? undefined : info.entries.get(String(key));
    return this.position(entry?.key ?? info.start);
  }

  /** Whether `key` of `holder` was written in the input (and not only derived). */
  has(holder: unknown, key: string | number): boolean {
    return this.infoOf(holder)?.entries.has(String(key)) ?? false;
  }

  /** The scalar text of `holder[key]` as written, e.g. `yes` for a value YAML read as true. */
  textOf(holder: unknown, key: string | number): string | undefined {
    return this.infoOf(holder)?.entries.get(String(key))?.text;
  }

  private infoOf(holder: unknown): NodeInfo | undefined {
    return typeof holder === "object" && holder !== null ? this.info.get(holder) : undefined;
  }

  private position(offset: number): Position | undefined {
    if (!this.lineCounter) return undefined;
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  private scalarText(node: unknown): string | undefined {
    if (!isScalar(node) || !node.range) return undefined;
    const text = this.text.slice(node.range[0], node.range[1]);
    return text.length <= 80 ? text : undefined;
  }
}
