import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { emitYaml, emitYamlDocuments } from "./emit-yaml";

/** kubectl reads YAML 1.1 (Go yaml.v2); the `yaml` package reads 1.2 by default. Both must agree. */
const readBack = (text: string) => [parse(text, { version: "1.1" }), parse(text)];

describe("YAML emitter", () => {
  test.each([
    "yes", "no", "on", "off", "y", "n", "true", "False", "null", "~", "123", "1.5", "1e3", "e3", "0x1F", "0o17", "1:20",
    "2001-12-14", "-", "- a", "a: b", "a #b", "#a", "", " lead", "trail ", "@x", "*x", "&x", "!x", "%x", "[a]", "{a}",
    "'q'", '"q"', "a\nb", "a\nb\n", "a\n\nb", "\ttab", "x\u0085y", "x\u2028y", "\u007f", "500m", "1Gi", "8080:80",
  ])("%j stays a string", (s) => {
    for (const back of readBack(emitYaml({ v: s }))) expect(back).toEqual({ v: s });
  });

  test("plain, readable scalars where it is safe", () => {
    expect(emitYaml({ image: "nginx:1.27", cpu: "500m", path: "/var/log/*", num: 3, b: true })).toBe(
      "image: nginx:1.27\ncpu: 500m\npath: /var/log/*\nnum: 3\nb: true\n",
    );
  });

  test("multi-line scripts become literal blocks", () => {
    expect(emitYaml({ args: ["set -e\necho hi\n"] })).toBe("args:\n- |\n  set -e\n  echo hi\n");
  });

  test("sequences in kubectl style, empty collections inline", () => {
    expect(emitYaml({ a: [{ b: 1, c: [[1, 2]] }], d: {}, e: [] })).toBe("a:\n- b: 1\n  c:\n  - - 1\n    - 2\nd: {}\ne: []\n");
  });

  test("documents are separated by ---", () => {
    expect(emitYamlDocuments([{ a: 1 }, { b: 2 }])).toBe("a: 1\n---\nb: 2\n");
  });

  test("any JSON value survives emit → parse (YAML 1.1 and 1.2)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const json = JSON.parse(JSON.stringify(v));
        for (const back of readBack(emitYaml(v))) expect(back).toEqual(json);
      }),
      { numRuns: 300 },
    );
  });

  test("strings built from YAML's special characters survive", () => {
    const tricky = fc.string({ unit: fc.constantFrom("a", "1", "\n", " ", "\t", "#", ":", "-", "|", ">", "'", '"', "e", ".", "*", "&", "!", "%", "@", "\u0085", "\u2028", "y", "~") });
    fc.assert(
      fc.property(fc.dictionary(tricky, fc.array(tricky, { maxLength: 3 }), { maxKeys: 4 }), (v) => {
        for (const back of readBack(emitYaml(v))) expect(back).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });
});
