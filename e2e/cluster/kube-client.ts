// A deliberately tiny Kubernetes REST client (node:https only) used by the control-plane
// bootstrap and by createTestNamespace. Tests use @kubernetes/client-node instead.
import fs from "node:fs";
import https from "node:https";
import { parse as parseYaml } from "yaml";

export interface KubeCredentials {
  server: string;
  caPem: string;
  token?: string;
  certPem?: string;
  keyPem?: string;
}

export interface KubeResponse<T = any> {
  status: number;
  body: T;
  text: string;
}

export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly text: string,
  ) {
    super(`${method} ${path} -> HTTP ${status}: ${text.slice(0, 500)}`);
  }
}

export class KubeClient {
  private readonly agent: https.Agent;

  constructor(readonly creds: KubeCredentials) {
    this.agent = new https.Agent({
      ca: creds.caPem,
      cert: creds.certPem,
      key: creds.keyPem,
      keepAlive: true,
      maxSockets: 4,
    });
  }

  /** Reads server + credentials of the current context of a kubeconfig with embedded data. */
  static fromKubeconfigFile(file: string): KubeClient {
    const cfg = parseYaml(fs.readFileSync(file, "utf8"));
    const ctxName = cfg["current-context"];
    const ctx = (cfg.contexts ?? []).find((c: any) => c.name === ctxName)?.context;
    if (!ctx) throw new Error(`${file}: current-context ${ctxName} not found`);
    const cluster = (cfg.clusters ?? []).find((c: any) => c.name === ctx.cluster)?.cluster;
    const user = (cfg.users ?? []).find((u: any) => u.name === ctx.user)?.user ?? {};
    if (!cluster?.server || !cluster["certificate-authority-data"]) {
      throw new Error(`${file}: cluster ${ctx.cluster} needs server and certificate-authority-data`);
    }
    const b64 = (s?: string) => (s ? Buffer.from(s, "base64").toString("utf8") : undefined);
    return new KubeClient({
      server: cluster.server,
      caPem: b64(cluster["certificate-authority-data"])!,
      token: user.token,
      certPem: b64(user["client-certificate-data"]),
      keyPem: b64(user["client-key-data"]),
    });
  }

  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    opts: { contentType?: string; timeoutMs?: number } = {},
  ): Promise<KubeResponse<T>> {
    const url = new URL(path, this.creds.server);
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const headers: Record<string, string> = { Accept: "application/json" };
    if (this.creds.token) headers.Authorization = `Bearer ${this.creds.token}`;
    if (payload !== undefined) {
      headers["Content-Type"] = opts.contentType ?? "application/json";
      headers["Content-Length"] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        { method, headers, agent: this.agent, timeout: opts.timeoutMs ?? 15_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: any = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              /* plain text, e.g. /readyz */
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, text });
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${url} timed out`)));
      req.on("error", reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Like request, but throws KubeApiError on non-2xx (except statuses listed in `allow`). */
  async must<T = any>(method: string, path: string, body?: unknown, allow: number[] = [], contentType?: string): Promise<KubeResponse<T>> {
    const r = await this.request<T>(method, path, body, { contentType });
    if ((r.status < 200 || r.status >= 300) && !allow.includes(r.status)) {
      throw new KubeApiError(r.status, method, path, r.text);
    }
    return r;
  }

  /** Create, tolerating AlreadyExists. */
  async ensure(path: string, obj: unknown): Promise<void> {
    await this.must("POST", path, obj, [409]);
  }

  close(): void {
    this.agent.destroy();
  }
}
