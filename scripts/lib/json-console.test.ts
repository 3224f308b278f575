import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The preload that turns console.* lines (Next's banner, library warnings) into JSON log lines.
const preload = path.join(__dirname, "json-console.cjs");

function run(script: string): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--require", preload, "-e", script], { encoding: "utf8" });
  return { stdout: r.stdout, stderr: r.stderr };
}

describe("json-console preload", () => {
  it("writes every console call as one JSON line with level, time and msg, colours and blank lines dropped", () => {
    const { stdout } = run(String.raw`console.log("\u001b[32m▲ Next.js\u001b[0m 16"); console.log(""); console.info("Ready in %dms", 42); console.log({ a: 1 })`);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => [p.level, p.msg])).toEqual([
      ["info", "▲ Next.js 16"],
      ["info", "Ready in 42ms"],
      ["info", "{ a: 1 }"],
    ]);
    for (const p of parsed) expect(Number.isNaN(Date.parse(String(p.time)))).toBe(false);
  });

  it("keeps warnings and errors on stderr, a multi-line stack inside one line", () => {
    const { stdout, stderr } = run(`console.warn("careful"); console.error(new Error("boom"))`);
    expect(stdout).toBe("");
    const lines = stderr.trim().split("\n").map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines.map((l) => l.level)).toEqual(["warn", "error"]);
    expect(lines[1].msg).toMatch(/^Error: boom\n\s+at /);
  });
});
