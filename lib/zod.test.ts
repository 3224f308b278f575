import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { globalConfig } from "zod/v4/core";
import { z } from "./zod";

// Schemas that run in the browser must be built without Zod's eval probe (CSP: no 'unsafe-eval').
describe("zod without eval", () => {
  it("lib/zod.ts turns Zod's JIT off", () => {
    expect(z.object({ a: z.string() }).parse({ a: "x" })).toEqual({ a: "x" });
    expect(globalConfig.jitless).toBe(true);
  });

  it("code that may run in the browser imports zod through lib/zod.ts", () => {
    const roots = ["lib/manifests", "lib/validation", "lib/audit"];
    const direct: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name) && /from "zod(\/[^"]*)?"/.test(fs.readFileSync(p, "utf8"))) direct.push(p);
      }
    };
    roots.forEach(walk);
    expect(direct).toEqual([]);
  });
});
