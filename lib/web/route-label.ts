// Pure: the route pattern a request path belongs to ("/deployments/[id]"), from Next's
// routes-manifest.json. Metrics and request logs label by it, never by the raw path, which carries
// ids and one-time tokens (/reset/<token>, /invite/<token>) and would make labels unbounded.
import { RE2JS } from "re2js";

export type RouteManifest = { staticRoutes?: { page: string; regex: string }[]; dynamicRoutes?: { page: string; regex: string }[] };
export type RouteTable = { exact: Map<string, string>; dynamic: { page: string; regex: RE2JS }[] };

export function routeTable(manifest: RouteManifest): RouteTable {
  const exact = new Map<string, string>();
  for (const r of manifest.staticRoutes ?? []) exact.set(r.page, r.page);
  // Next's own manifest, built from our route folders: the patterns are ours, but every request's
  // path is matched against them, so they run on RE2 (linear time), never a backtracking engine.
  const dynamic = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: RE2JS.compile(r.regex) }));
  return { exact, dynamic };
}

export const UNMATCHED = "unmatched";

export function routeLabel(url: string, table: RouteTable): string {
  let pathname = url.split(/[?#]/, 1)[0] || "/";
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/")) return "/_next";
  if (pathname.length > 1 && pathname.endsWith("/")) pathname = pathname.slice(0, -1);
  const hit = table.exact.get(pathname);
  if (hit) return hit;
  for (const r of table.dynamic) if (r.regex.matcher(pathname).find()) return r.page;
  return UNMATCHED;
}
