import "server-only";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { routeLabel, routeTable, UNMATCHED, type RouteTable } from "@/lib/web/route-label";
import { log } from "./log";
import { metrics } from "./metrics";
import { requestStorage } from "./request-store";

// Installed once per process by instrumentation.ts: every HTTP request Next's server receives
// gets a request id (the client's/load balancer's X-Request-Id when it is a plain token, else a
// new one; proxy.ts keeps it and sends it back), runs inside the request store (so every log line
// of the request carries the id), and is counted, timed and logged by route pattern when its
// response finishes. Nothing of the URL but the route pattern, nor any header, is logged.
const STAMPED = Symbol.for("berth.requestHook");
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function installHttpHook(): void {
  const proto = http.Server.prototype as unknown as { emit: (...args: unknown[]) => boolean; [STAMPED]?: boolean };
  if (proto[STAMPED]) return;
  proto[STAMPED] = true;
  // The server's own build folder (next.config.js: distDir); an opaque path to the bundler, which
  // would otherwise copy the whole project into the standalone output to be safe.
  const routes = loadRoutes(path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.BERTH_NEXT_DIST_DIR || ".next"));
  const emit = proto.emit;
  proto.emit = function emitWithRequestStore(this: unknown, event: unknown, req: unknown, res: unknown, ...rest: unknown[]) {
    if (event !== "request" || !(req instanceof http.IncomingMessage) || !(res instanceof http.ServerResponse)) return emit.call(this, event, req, res, ...rest);
    const given = req.headers["x-request-id"];
    const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    req.headers["x-request-id"] = requestId;
    const started = process.hrtime.bigint();
    const method = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].includes(req.method ?? "") ? req.method! : "OTHER";
    const store = { requestId } as { requestId: string; userId?: string };
    res.once("finish", () => {
      const route = routes ? routeLabel(req.url ?? "/", routes) : UNMATCHED;
      const status = String(res.statusCode);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const m = metrics();
      m.httpRequests.inc({ route, method, status });
      m.httpDuration.observe({ route, method, status }, seconds);
      if (route !== "/_next/static") requestStorage.run(store, () => log().info({ method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, "request"));
    });
    return requestStorage.run(store, () => emit.call(this, event, req, res, ...rest));
  };
}

function loadRoutes(distDir: string): RouteTable | null {
  try {
    return routeTable(JSON.parse(readFileSync(path.join(distDir, "routes-manifest.json"), "utf8")));
  } catch {
    return null; // `next dev` writes it later; requests are then labelled "unmatched"
  }
}
