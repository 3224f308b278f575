/**
 * First-load JavaScript per route, from a production build's manifests: the framework floor
 * (`rootMainFiles`, loaded by every page) plus the chunks the route's layouts and page need
 * before they run (`entryJSFiles` of its client reference manifest). Chunks loaded later
 * (next/dynamic, import()) are not counted: that is the point of loading them later.
 *   npx next build && npx tsx bench/bundle.bench.ts        (BERTH_NEXT_DIST_DIR: another build folder)
 * Sizes raw and gzipped (zlib level 6, what `next start` sends); asserts nothing. The browser
 * check (bytes on the wire in Chromium) is in bench/pages.bench.ts.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dist = path.resolve(__dirname, "..", process.env.BERTH_NEXT_DIST_DIR || ".next");
const AIM_KB = 150;

type Manifest = { entryJSFiles?: Record<string, string[]> };

const gz = new Map<string, number>();
function sizes(file: string): { raw: number; gzip: number } {
  const buf = fs.readFileSync(path.join(dist, file));
  if (!gz.has(file)) gz.set(file, zlib.gzipSync(buf, { level: 6 }).length);
  return { raw: buf.length, gzip: gz.get(file)! };
}
const total = (files: Iterable<string>) => [...files].reduce((a, f) => ({ raw: a.raw + sizes(f).raw, gzip: a.gzip + sizes(f).gzip }), { raw: 0, gzip: 0 });
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

/** The chunks a route loads first: the floor plus every entry of its client reference manifest. */
export function firstLoadFiles(route: string): string[] {
  const build = JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const file = path.join(dist, "server", "app", route, "page_client-reference-manifest.js");
  const holder = globalThis as unknown as { __RSC_MANIFEST?: Record<string, Manifest> };
  holder.__RSC_MANIFEST = {};
  new Function(fs.readFileSync(file, "utf8"))();
  const manifest = Object.values(holder.__RSC_MANIFEST)[0] ?? {};
  const files = new Set(build.rootMainFiles);
  for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const f of list) files.add(f);
  return [...files];
}

function main() {
  const build = JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const routes = JSON.parse(fs.readFileSync(path.join(dist, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const floor = total(build.rootMainFiles);
  console.log(`first-load JavaScript per route (${dist}); framework floor ${kb(floor.gzip)} gzipped (${kb(floor.raw)} raw)`);
  console.log(`${"route".padEnd(48)} ${"gzipped".padStart(10)} ${"raw".padStart(10)}  own (gzipped, above the floor)`);
  const rows = Object.entries(routes)
    .filter(([key]) => key.endsWith("/page"))
    .map(([key, url]) => ({ url, files: firstLoadFiles(key.replace(/\/page$/, "")) }))
    .sort((a, b) => a.url.localeCompare(b.url));
  for (const { url, files } of rows) {
    const t = total(files);
    const mark = url === "/templates/new" ? `   ← aim ≤ ${AIM_KB} kB: ${t.gzip / 1024 <= AIM_KB ? "met" : "not met"}` : "";
    console.log(`${url.padEnd(48)} ${kb(t.gzip).padStart(10)} ${kb(t.raw).padStart(10)}  ${kb(t.gzip - floor.gzip)}${mark}`);
  }
  const wizard = rows.find((r) => r.url === "/templates/new");
  if (wizard) {
    console.log("\n/templates/new chunks (gzipped, largest first):");
    for (const f of [...wizard.files].sort((a, b) => sizes(b).gzip - sizes(a).gzip)) console.log(`  ${kb(sizes(f).gzip).padStart(9)}  ${f}${build.rootMainFiles.includes(f) ? "  (floor)" : ""}`);
  }
}

main();
