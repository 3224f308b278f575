import { describe, expect, it } from "vitest";
import { routeLabel, routeTable, UNMATCHED } from "./route-label";

// The shape Next writes to .next/routes-manifest.json.
const table = routeTable({
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/templates", regex: "^/templates(?:/)?$" },
    { page: "/api/health/ready", regex: "^/api/health/ready(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/deployments/[id]", regex: "^/deployments/([^/]+?)(?:/)?$" },
    { page: "/reset/[token]", regex: "^/reset/([^/]+?)(?:/)?$" },
  ],
});

describe("routeLabel", () => {
  it("names the route pattern, never the ids or tokens in the path", () => {
    expect(routeLabel("/deployments/cmabc123?tab=manifest", table)).toBe("/deployments/[id]");
    expect(routeLabel("/reset/s3cr3t-token", table)).toBe("/reset/[token]");
    expect(routeLabel("/templates/", table)).toBe("/templates");
    expect(routeLabel("/api/health/ready", table)).toBe("/api/health/ready");
    expect(routeLabel("/", table)).toBe("/");
  });

  it("groups Next's files and everything unknown into fixed labels", () => {
    expect(routeLabel("/_next/static/chunks/abc.js", table)).toBe("/_next/static");
    expect(routeLabel("/_next/image?url=x", table)).toBe("/_next");
    expect(routeLabel("/wp-login.php", table)).toBe(UNMATCHED);
    expect(routeLabel("/deployments/a/b", table)).toBe(UNMATCHED);
  });
});
