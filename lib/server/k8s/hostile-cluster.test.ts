import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeConfigFromText } from "./client";
import { MAX_RESPONSE_BYTES } from "./response-limit";
import { MAX_LISTED_PODS, readRollout } from "./rollout";

// A real local HTTPS server that answers like a Kubernetes API server — a hostile one: absurd
// replica counts, endless pod lists, replies of any size. Everything a cluster says is untrusted.
let server: Server;
let kubeconfig: string;
const sts = (name: string, replicas: unknown) => ({
  apiVersion: "apps/v1", kind: "StatefulSet",
  metadata: { name, namespace: "ns", generation: 1 },
  spec: { replicas, selector: { matchLabels: { app: name } }, serviceName: name, template: {} },
  status: { observedGeneration: 1, replicas: 3, readyReplicas: 2, updatedReplicas: 2, updateRevision: "r1" },
});
const pod = (name: string, i: number) => ({
  metadata: { name: `${name}-${i}`, labels: { "controller-revision-hash": "r1" } },
  status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] },
});
const seen: string[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "berth-hostile-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    const cert = readFileSync(path.join(dir, "cert.pem"));
    const key = readFileSync(path.join(dir, "key.pem"));
    server = createServer({ cert, key }, (req, res) => {
      const url = new URL(req.url ?? "/", "https://x");
      seen.push(`${url.pathname}${url.search}`);
      const json = (body: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
      const m = /^\/apis\/apps\/v1\/namespaces\/ns\/statefulsets\/([a-z-]+)$/.exec(url.pathname);
      if (m) {
        const name = m[1];
        if (name === "huge") return json(sts(name, 2147483647));
        if (name === "negative") return json(sts(name, -5));
        if (name === "fraction") return json(sts(name, 2.5));
        if (name === "bigbody") {
          // No Content-Length: the body streams past the limit.
          res.writeHead(200, { "content-type": "application/json" });
          res.write('{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"bigbody","annotations":{"x":"');
          const chunk = "a".repeat(1024 * 1024);
          let sent = 0;
          const more = () => {
            while (sent < MAX_RESPONSE_BYTES / chunk.length + 4) {
              sent++;
              if (!res.write(chunk)) return void res.once("drain", more);
            }
            res.end('"}}}');
          };
          res.on("error", () => {});
          return more();
        }
        if (name === "declared") {
          res.writeHead(200, { "content-type": "application/json", "content-length": String(MAX_RESPONSE_BYTES * 4) });
          res.on("error", () => {});
          return res.write("{");
        }
        return json(sts(name, 3));
      }
      if (url.pathname === "/api/v1/namespaces/ns/pods") {
        const app = url.searchParams.get("labelSelector")?.replace("app=", "") ?? "";
        const count = app === "many" ? 3_000 : 3; // a cluster ignoring ?limit=
        return json({ apiVersion: "v1", kind: "PodList", metadata: {}, items: Array.from({ length: count }, (_, i) => pod(app, i)) });
      }
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "not found" }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    kubeconfig = [
      "apiVersion: v1", "kind: Config", "current-context: hostile",
      "clusters:", "- name: hostile", "  cluster:", `    server: https://127.0.0.1:${port}`, `    certificate-authority-data: ${cert.toString("base64")}`,
      "users:", "- name: u", "  user:", "    token: t0ken",
      "contexts:", "- name: hostile", "  context:", "    cluster: hostile", "    user: u", "    namespace: ns",
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(() => server?.close());

describe("a hostile API server", () => {
  it("replicas 2147483647: the page gets counts and 'too many to list', no per-pod lines", async () => {
    const view = await readRollout(kubeConfigFromText(kubeconfig), "ns", "huge", new Date());
    expect(view.replicas).toBe(2147483647);
    expect(view.pods).toEqual([]);
    expect(view.tooManyToList).toBe(true);
    expect(view.state).toBe("progressing");
    expect(view.reason).toMatch(/2 of 2147483647 ready/);
  });

  it("replica counts that are not whole non-negative numbers are refused", async () => {
    for (const name of ["negative", "fraction"]) {
      const view = await readRollout(kubeConfigFromText(kubeconfig), "ns", name, new Date());
      expect(view).toMatchObject({ state: "unavailable", pods: [], reason: expect.stringMatching(/invalid replica count/) });
    }
  });

  it("asks for at most a page of pods and reads no more than that from a cluster that ignores the limit", async () => {
    const view = await readRollout(kubeConfigFromText(kubeconfig), "ns", "many", new Date());
    expect(view.pods).toHaveLength(3);
    expect(view.state).toBe("progressing"); // status says 2 of 3 ready
    expect(seen.some((s) => s.startsWith("/api/v1/namespaces/ns/pods") && s.includes(`limit=${MAX_LISTED_PODS}`))).toBe(true);
  });

  it("a reply larger than the limit is not read into memory: the request fails with a clear reason", async () => {
    for (const name of ["bigbody", "declared"]) {
      const view = await readRollout(kubeConfigFromText(kubeconfig), "ns", name, new Date());
      expect(view.state).toBe("unavailable");
      expect(view.reason).toMatch(/larger than 16 MiB/);
    }
  });
});
