import http from "node:http";
import type { AddressInfo } from "node:net";

// A local HTTP server standing in for a Berth server in the CLI's tests: each test answers
// requests its own way (the /api/v1 contract, or hostile replies) and reads what the CLI sent.
export type SeenRequest = { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: unknown };
export type Reply = { status: number; body?: unknown; headers?: Record<string, string>; raw?: string | Buffer } | "hang-up";
export type Route = (req: SeenRequest) => Reply | Promise<Reply>;

export type FakeBerth = { url: string; requests: SeenRequest[]; close: () => Promise<void> };

export async function startFakeBerth(route: Route): Promise<FakeBerth> {
  const requests: SeenRequest[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://localhost");
    const seen: SeenRequest = { method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, body: text ? JSON.parse(text) : undefined };
    requests.push(seen);
    const reply = await route(seen);
    if (reply === "hang-up") {
      req.socket.destroy();
      return;
    }
    const body = reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
    const type = reply.status >= 400 ? "application/problem+json" : "application/json";
    res.writeHead(reply.status, { "content-type": type, ...reply.headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export const problem = (status: number, code: string, detail: string, errors: Record<string, string[]> = {}, headers: Record<string, string> = {}): Reply => ({
  status, headers, body: { type: `urn:berth:problem:${code}`, title: code, status, detail, code, errors },
});

/** A rollout answer with `ready` of `replicas` pods Ready (ordinal order). */
export function rollout(state: string, replicas: number, ready: number, reason: string | null = null) {
  return {
    state, reason, replicas, readyReplicas: ready, updatedReplicas: replicas, updateRevision: "web-abc",
    pods: Array.from({ length: replicas }, (_, i) => ({ ordinal: i, name: `web-${i}`, exists: i <= ready, phase: i < ready ? "Running" : "Pending", ready: i < ready, revision: "web-abc", updated: true, restarts: 0, reason: null })),
    checkedAt: new Date().toISOString(),
  };
}

export const TOKEN = `berth_${"A".repeat(43)}`;
