// Pure: the route pattern a request path belongs to ("/deployments/[id]"), from Next's
// routes-manifest.json. Metrics and request logs label by it, never by the raw path, which carries
// ids and one-time tokens (/reset/<token>, /invite/<token>) and would make labels unbounded.
export type RouteManifest = { staticRoutes?: { page: string; regex: string }[]; dynamicRoutes?: { page: string; regex: string }[] };
export type RouteTable = { exact: Map<string, string>; dynamic: { page: string; regex: RegExp }[] };

export function routeTable(manifest: RouteManifest): RouteTable {
  const exact = new Map<string, string>();
  for (const r of manifest.staticRoutes ?? []) exact.set(r.page, r.page);
  // Next's own manifest, built from our route folders: these patterns are ours, not users'.
  const dynamic = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
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
  for (const r of table.dynamic) if (r.regex.test(pathname)) return r.page;
  return UNMATCHED;
}
