import { spawn } from "node:child_process";
import { request } from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientIp, parseTrustedProxies } from "@/lib/config/client-ip";

const preload = path.join(__dirname, "peer-address.cjs");

/** A plain Node HTTP server started with the preload, as next-process.ts starts Next; echoes X-Forwarded-For. */
function startServer(): Promise<{ port: number; stop: () => void }> {
  const code = `require("node:http").createServer((req, res) => res.end(req.headers["x-forwarded-for"] ?? "")).listen(0, "127.0.0.1", function () { console.log(this.address().port); });`;
  const child = spawn(process.execPath, ["--require", preload, "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => child.stdout!.once("data", (d: Buffer) => resolve({ port: Number(d.toString()), stop: () => child.kill() })));
}

function get(port: number, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the socket address reaches the app", () => {
  it("is appended to X-Forwarded-For, so a forged header cannot choose the client IP", async () => {
    const server = await startServer();
    try {
      expect(await get(server.port, {})).toBe("127.0.0.1");
      const forged = await get(server.port, { "x-forwarded-for": "6.6.6.6" });
      expect(forged).toBe("6.6.6.6, 127.0.0.1");
      expect(clientIp(forged, parseTrustedProxies("")!)).toBe("127.0.0.1");
      expect(clientIp(forged, parseTrustedProxies("1")!)).toBe("6.6.6.6");
    } finally {
      server.stop();
    }
  });
});
