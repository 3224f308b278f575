/**
 * Where a server's CPU went: summarizes the V8 CPU profiles `node --cpu-prof` wrote
 * (BENCH_PROFILE_DIR of pages.bench.ts), as shares of the busy (non-idle) samples:
 *   - self time by place (a package under node_modules, Next's bundled React/Next runtime, the
 *     app's own server chunks, WebAssembly, garbage collection, node internals);
 *   - the functions with the most self time;
 *   - inclusive time of a few markers (a sample counts once when any frame of its stack matches).
 *   npx tsx bench/cpu-profile.ts [--skip=<seconds>] <profile.cpuprofile | folder> [marker-regex …]
 */
import fs from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RE2JS } from "re2js";

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Where a frame's code lives, coarsely. */
export function place(frame: Frame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : `node builtin`;
  if (url.startsWith("wasm://")) return "wasm";
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    if (pkg === "next" && /compiled\/next-server\/app-page/.test(url)) return "next app-page runtime (React server: RSC + SSR)";
    if (pkg === "next" && /compiled\/react/.test(url)) return "next compiled react";
    return pkg;
  }
  if (url.includes("/.next") && url.includes("/server/chunks/ssr/")) return "app server chunks (ssr)";
  if (url.includes("/.next") && url.includes("/server/chunks/")) return "app server chunks";
  if (url.includes("/.next")) return ".next other";
  return path.basename(url);
}

const maps = new Map<string, SourceMap | null>();

/** The frame's original place through the bundle's source map (Next's runtime and the app's chunks ship them), else the frame. */
export function original(frame: Frame): string {
  if (!frame.url.startsWith("file://")) return "";
  let map = maps.get(frame.url);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(`${fileURLToPath(frame.url)}.map`, "utf8")));
    } catch {
      map = null;
    }
    maps.set(frame.url, map);
  }
  if (!map) return "";
  const o = map.findOrigin(frame.lineNumber + 1, frame.columnNumber + 1) as { name?: string; fileName?: string; lineNumber?: number };
  if (!o.fileName) return "";
  const file = o.fileName.replace(/^.*node_modules\//, "").replace(/^.*\[project\]\//, "").replace(/^webpack:\/\/[^/]*\//, "");
  return `${o.name ?? "?"} @ ${file}:${o.lineNumber}`;
}

export function summarize(profile: Profile, markers: RE2JS[], opts: { top?: number; skipMs?: number } = {}): string {
  const top = opts.top ?? 40;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let busy = 0;
  let idle = 0;
  const markerMs = markers.map(() => 0);
  let clock = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    clock += dt;
    if (clock < (opts.skipMs ?? 0)) continue; // the server starting
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") {
      idle += dt;
      continue;
    }
    busy += dt;
    self.set(id, (self.get(id) ?? 0) + dt);
    if (markers.length) {
      const stack: Frame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!.callFrame);
      markers.forEach((m, k) => {
        if (stack.some((f) => m.matcher(`${f.functionName} ${f.url}`).find())) markerMs[k] += dt;
      });
    }
  }
  const out: string[] = [];
  const pctOf = (ms: number) => `${((100 * ms) / Math.max(busy, 1e-9)).toFixed(1).padStart(5)} %`;
  out.push(`busy ${busy.toFixed(0)} ms, idle ${idle.toFixed(0)} ms`);
  const places = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    places.set(place(f), (places.get(place(f)) ?? 0) + ms);
    const key = original(f) || `${f.functionName || "(anonymous)"}  ${place(f)}${f.url ? `:${f.lineNumber + 1}:${f.columnNumber + 1}` : ""}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
  }
  out.push("\nself time by place:");
  for (const [p, ms] of [...places].sort((a, b) => b[1] - a[1]).slice(0, 25)) out.push(`  ${pctOf(ms)}  ${ms.toFixed(0).padStart(7)} ms  ${p}`);
  const files = new Map<string, number>();
  for (const [k, ms] of fns) {
    const file = k.includes(" @ ") ? k.slice(k.indexOf(" @ ") + 3).replace(/:\d+$/, "") : k.replace(/:\d+:\d+$/, "").replace(/^.*  /, "");
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  out.push("\nself time by original file (source maps):");
  for (const [f, ms] of [...files].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`  ${pctOf(ms)}  ${f}`);
  out.push(`\nfunctions with the most self time (top ${top}):`);
  for (const [k, ms] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`  ${pctOf(ms)}  ${k}`);
  if (markers.length) {
    out.push("\ninclusive time of markers:");
    markers.forEach((m, k) => out.push(`  ${pctOf(markerMs[k])}  ${m.pattern()}`));
  }
  return out.join("\n");
}

if (process.argv[1] && /cpu-profile\.ts$/.test(process.argv[1])) {
  // --skip=<s>: leave out the first seconds (the server starting, before the load).
  const args = process.argv.slice(2);
  const skipMs = 1000 * Number(args.find((a) => a.startsWith("--skip="))?.slice(7) ?? 0);
  const [target, ...markerArgs] = args.filter((a) => !a.startsWith("--skip="));
  const files = fs.statSync(target).isDirectory()
    ? fs.readdirSync(target).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(target, f))
    : [target];
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
    console.log(`\n=== ${file}\n${summarize(profile, markerArgs.map((m) => RE2JS.compile(m)) /* linear-time: no backtracking on a typed pattern */, { skipMs })}`);
  }
}
