import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";

// Both catalogues must offer the same keys, and every message the same placeholders: a key
// missing in one language shows its raw key, and a placeholder missing or misspelled throws.

function flatten(tree: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else if (v && typeof v === "object") for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, `<not a string: ${JSON.stringify(v)}>`);
  }
  return out;
}

/** Placeholder names (with their kind: argument, number, plural …) and rich-text tags. */
export function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) found.add(`${el.value}:${el.type}`);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        found.add(`${el.value}:${el.type}`);
        for (const option of Object.values(el.options)) walk(option.value);
      }
      if (el.type === TYPE.tag) {
        found.add(`<${el.value}>`);
        walk(el.children);
      }
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return [...found].sort();
}

const enMessages = flatten(en);
const zhMessages = flatten(zh);

const messagesDir = path.join(__dirname, "../../messages");
const jsonFiles = (locale: string) => readdirSync(path.join(messagesDir, locale)).filter((f) => f.endsWith(".json")).sort();

describe("message catalogues", () => {
  it("hold the same namespace files in both languages, each one listed in its index.ts", () => {
    expect(jsonFiles("zh-CN")).toEqual(jsonFiles("en"));
    for (const locale of ["en", "zh-CN"]) {
      const index = readFileSync(path.join(messagesDir, locale, "index.ts"), "utf8");
      const unlisted = jsonFiles(locale).filter((f) => !index.includes(`from "./${f}"`));
      expect(unlisted, `${locale}/index.ts`).toEqual([]);
    }
  });

  it("have exactly the same keys", () => {
    expect([...zhMessages.keys()].filter((k) => !enMessages.has(k))).toEqual([]);
    expect([...enMessages.keys()].filter((k) => !zhMessages.has(k))).toEqual([]);
  });

  it("hold only strings, none empty", () => {
    for (const [key, text] of [...enMessages, ...zhMessages]) expect(text.trim().length, key).toBeGreaterThan(0);
    for (const [key, text] of [...enMessages, ...zhMessages]) expect(text.startsWith("<not a string"), `${key}: ${text}`).toBe(false);
  });

  it("use the same placeholders in both languages, and every message parses as ICU", () => {
    const differ: string[] = [];
    for (const [key, text] of enMessages) {
      const other = zhMessages.get(key);
      if (other === undefined) continue;
      const a = placeholders(text).join(",");
      const b = placeholders(other).join(",");
      if (a !== b) differ.push(`${key}: en {${a}} zh-CN {${b}}`);
    }
    expect(differ).toEqual([]);
  });

  it("the placeholder check sees a renamed or missing placeholder", () => {
    expect(placeholders("{count, plural, one {# pod} other {# pods}} in {namespace}")).toEqual(["count:6", "namespace:1"]);
    expect(placeholders("{n} 个 Pod")).not.toEqual(placeholders("{count} 个 Pod"));
    expect(() => placeholders("broken {")).toThrow();
  });
});
