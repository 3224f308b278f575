// Shared by the benches that measure the production server from outside: `next start` of the
// current build on a port, and first-load JavaScript on the wire in Chromium.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";

const root = path.resolve(__dirname, "..");

/** `next start` of the current build, answered once /login returns 200; `log()` is its output so far. */
export async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess & { log: () => string }> {
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const server = Object.assign(child, { log: () => log });
  for (let i = 0; i < 240; i++) {
    const ok = await new Promise<boolean>((r) => http.get({ host: "127.0.0.1", port, path: "/login" }, (res) => (res.resume(), r(res.statusCode === 200))).on("error", () => r(false)));
    if (ok) return server;
    if (child.exitCode !== null) throw new Error(`next start exited: ${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`next start did not answer: ${log.slice(-2000)}`);
}

export type WireLoad = { route: string; status: number; scripts: number; scriptBytes: number; documentBytes: number };

/** The cookies of a signed-in session working in this team (without the team cookie, the console opens the user's first team: their personal one). */
export function sessionCookies(token: string, teamId: string): { name: string; value: string }[] {
  return [
    { name: "authjs.session-token", value: token },
    { name: "berth_team", value: teamId },
  ];
}

/**
 * Each route's first load in Chromium, signed in with these cookies, in a fresh context (no
 * cache) until the network is idle: JavaScript bytes on the wire (compressed response bodies, as
 * `next start` sends them) and the HTML document's (which carries the RSC payload: props, messages).
 */
export async function firstLoadsOnTheWire(port: number, cookies: { name: string; value: string }[], routes: string[]): Promise<WireLoad[]> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: process.env.BERTH_CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const loads: WireLoad[] = [];
  try {
    for (const route of routes) {
      const context = await browser.newContext();
      await context.addCookies(cookies.map((c) => ({ ...c, domain: "127.0.0.1", path: "/" })));
      const page = await context.newPage();
      const scripts: Promise<number>[] = [];
      let documentBytes: Promise<number> = Promise.resolve(0);
      page.on("requestfinished", (req) => {
        if (req.resourceType() === "script") scripts.push(req.sizes().then((s) => s.responseBodySize));
        if (req.resourceType() === "document") documentBytes = req.sizes().then((s) => s.responseBodySize);
      });
      const response = await page.goto(`http://127.0.0.1:${port}${route}`, { waitUntil: "networkidle" });
      const sizes = await Promise.all(scripts);
      loads.push({ route, status: response?.status() ?? 0, scripts: sizes.length, scriptBytes: sizes.reduce((a, b) => a + b, 0), documentBytes: await documentBytes });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return loads;
}
