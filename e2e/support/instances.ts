// Several Berth instances for the scale-out spec: `next start` of the one build (`.next`) on
// their own ports, one database reached through a TCP relay the test can cut (a Postgres
// restart, as the instances see it: every connection dropped, new ones refused, then back), and
// a load balancer in front whose routing the test chooses per request.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

export type Instance = { name: string; port: number; process: ChildProcess; output: string[]; stop(signal?: NodeJS.Signals): Promise<void> };

export async function startInstance(name: string, port: number, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: a kill reaches Next's workers too
  });
  const output: string[] = [];
  child.stdout!.on("data", (d) => output.push(String(d)));
  child.stderr!.on("data", (d) => output.push(String(d)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const instance: Instance = {
    name,
    port,
    process: child,
    output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          child.kill(signal);
        }
      }
      await exited;
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited: ${output.join("")}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health/live`).then((r) => r.ok, () => false);
    if (ok) return instance;
    if (Date.now() > deadline) {
      await instance.stop("SIGKILL");
      throw new Error(`instance ${name} did not start: ${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A TCP relay (to the database, or to the cluster's API server: TLS passes through untouched).
 * `cut()` drops every connection and refuses new ones until `restore()` — a restart, as clients
 * see it; `hold()` stops passing bytes until `release()` — a peer that stalls mid-request;
 * `delayMs` slows every chunk down.
 */
export class TcpRelay {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  private released: Promise<void> = Promise.resolve();
  private releaseNow: (() => void) | null = null;
  delayMs = 0;
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async start(port = 0): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      this.forward(client, upstream);
      this.forward(upstream, client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  private forward(from: net.Socket, to: net.Socket): void {
    let chain = Promise.resolve();
    from.on("data", (chunk) => {
      chain = chain.then(async () => {
        await this.released;
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
        if (!to.destroyed) to.write(chunk);
      });
    });
    from.on("end", () => void chain.then(() => to.end()));
  }

  hold(): void {
    if (!this.releaseNow) this.released = new Promise((resolve) => (this.releaseNow = resolve));
  }

  release(): void {
    this.releaseNow?.();
    this.releaseNow = null;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restore(): Promise<void> {
    await this.start(this.port);
  }
}

export type Route = (req: http.IncomingMessage, n: number) => string;

/** Sends each request to the instance `route` names (default: alternate); remembers who served what. */
export class Balancer {
  served: { method: string; url: string; instance: string }[] = [];
  route: Route = (_req, n) => (n % 2 === 0 ? "A" : "B");
  private server: http.Server | null = null;
  private count = 0;
  port = 0;
  constructor(private readonly instances: () => Map<string, number>) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const pinned = req.headers["x-berth-test-instance"];
      const name = typeof pinned === "string" ? pinned : this.route(req, this.count++);
      const port = this.instances().get(name);
      this.served.push({ method: req.method ?? "", url: req.url ?? "", instance: name });
      if (!port) {
        res.writeHead(502).end(`no instance ${name}`);
        return;
      }
      const upstream = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on("error", () => {
        if (!res.headersSent) res.writeHead(502);
        res.end(`instance ${name} did not answer`);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", () => resolve()));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export { unusedPort as freePort } from "../../scripts/test-support/ports";
