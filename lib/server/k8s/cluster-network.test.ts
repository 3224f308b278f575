import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseClusterAddressPolicy } from "@/lib/config/cluster-address-policy";
import { tokenKubeconfig } from "@/scripts/test-support/kubeconfig";
import { describeError } from "./api-error";
import { kubeConfigFromText } from "./client";
import { testConnection } from "./connection-test";
import { planBundle } from "./plan";
import { readRollout } from "./rollout";

// Where cluster requests may go, with real local servers: an https "API server" (self-signed CA
// embedded in the kubeconfig) on 127.0.0.1 and 127.0.0.2 (all of 127.0.0.0/8 is this machine),
// and a plain-http "internal" server that records whether anything reached it.

type Tls = { caPem: string; certPem: string; keyPem: string; clientCertPem: string; clientKeyPem: string };
type Server = { url: (host?: string) => string; hits: string[]; close: () => Promise<void> };

function makeTls(): Tls {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-tls-"));
  const f = (n: string) => path.join(dir, n);
  const openssl = (...args: string[]) => {
    const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`openssl ${args.join(" ")}: ${r.stderr}`);
  };
  for (const name of ["ca.key", "server.key", "client.key"]) {
    const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    fs.writeFileSync(f(name), privateKey.export({ type: "pkcs8", format: "pem" }));
  }
  openssl("req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=berth-network-test-ca", "-days", "2", "-out", "ca.crt",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
  fs.writeFileSync(f("server.ext"), "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,IP:127.0.0.2,DNS:localhost\n");
  openssl("req", "-new", "-key", "server.key", "-subj", "/CN=fake-apiserver", "-out", "server.csr");
  openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-out", "server.crt", "-extfile", "server.ext");
  fs.writeFileSync(f("client.ext"), "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
  openssl("req", "-new", "-key", "client.key", "-subj", "/O=system:masters/CN=admin", "-out", "client.csr");
  openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-out", "client.crt", "-extfile", "client.ext");
  const read = (n: string) => fs.readFileSync(f(n), "utf8");
  const tls = { caPem: read("ca.crt"), certPem: read("server.crt"), keyPem: read("server.key"), clientCertPem: read("client.crt"), clientKeyPem: read("client.key") };
  fs.rmSync(dir, { recursive: true, force: true });
  return tls;
}

async function listen(server: http.Server, host: string, hits: string[], scheme: string): Promise<Server> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (h = host) => `${scheme}://${h}:${port}`,
    hits,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A fake API server: /version, SelfSubjectAccessReviews (allowed), anything else 404 Status. */
const apiServer: Reply = (req, res) => {
  res.setHeader("content-type", "application/json");
  if (req.url === "/version") return void res.end(JSON.stringify({ major: "1", minor: "36", gitVersion: "v1.36.0-fake" }));
  if (req.method === "POST" && req.url?.includes("selfsubjectaccessreviews")) {
    return void res.end(JSON.stringify({ apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: {}, status: { allowed: true } }));
  }
  res.statusCode = 404;
  res.end(JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "not found" }));
};

function httpsServer(tls: Tls, host: string, reply: Reply, opts: { requireClientCert?: boolean } = {}): Promise<Server> {
  const hits: string[] = [];
  const mtls = opts.requireClientCert ? { ca: tls.caPem, requestCert: true, rejectUnauthorized: true } : {};
  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem, ...mtls }, (req, res) => {
    hits.push(`${req.method} ${req.url}`);
    reply(req, res);
  });
  return listen(server, host, hits, "https");
}

function plainServer(host: string, reply: Reply): Promise<Server> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    reply(req, res);
  });
  return listen(server, host, hits, "http");
}

const TOKEN = "network-test-token-3f9a1c";
const kubeconfig = (server: string, caPem: string) => tokenKubeconfig({ server, caPem, userLines: [`    token: ${TOKEN}`], context: "{cluster: c, user: u, namespace: shop}" });

let tls: Tls;
const servers: Server[] = [];
const start = async (s: Promise<Server>) => {
  const server = await s;
  servers.push(server);
  return server;
};

beforeAll(() => {
  tls = makeTls();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe("redirects", () => {
  it("never follows a redirect to an internal plain-http URL, and names only its host", async () => {
    const internal = await start(plainServer("127.0.0.1", (_req, res) => {
      res.statusCode = 403;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ message: "INTERNAL-SECRET from the metadata service" }));
    }));
    const redirecting = await start(httpsServer(tls, "127.0.0.1", (_req, res) => {
      res.statusCode = 302;
      res.setHeader("location", `${internal.url()}/latest/meta-data/iam/credentials?x=1`);
      res.end();
    }));
    const report = await testConnection(kubeConfigFromText(kubeconfig(redirecting.url(), tls.caPem)), "shop");
    expect(internal.hits).toEqual([]);
    expect(redirecting.hits.length).toBeGreaterThan(0);
    expect(report.ok).toBe(false);
    const message = report.ok ? "" : report.message;
    expect(message).toContain(`the cluster answered with a redirect to ${new URL(internal.url()).host}; Berth does not follow redirects`);
    expect(message).not.toMatch(/INTERNAL-SECRET|meta-data|credentials/);
  });

  it("refuses a redirect on every kind of request (plan, rollout)", async () => {
    const internal = await start(plainServer("127.0.0.1", (_req, res) => res.end("{}")));
    const redirecting = await start(httpsServer(tls, "127.0.0.1", (_req, res) => {
      res.statusCode = 307;
      res.setHeader("location", `${internal.url()}/x`);
      res.end();
    }));
    const kc = kubeConfigFromText(kubeconfig(redirecting.url(), tls.caPem));
    const rollout = await readRollout(kc, "shop", "web", new Date());
    expect(rollout).toMatchObject({ state: "unavailable", reason: expect.stringContaining("Berth does not follow redirects") });
    const plan = await planBundle(kc, "shop", [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" } }]).catch(describeError);
    expect(JSON.stringify(plan)).toContain("Berth does not follow redirects");
    expect(internal.hits).toEqual([]);
  });

  it("echoes only Kubernetes Status bodies", async () => {
    const notStatus = await start(httpsServer(tls, "127.0.0.1", (_req, res) => {
      res.statusCode = 403;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ message: "NOT-A-STATUS internal data", kind: "Secret" }));
    }));
    const r1 = await testConnection(kubeConfigFromText(kubeconfig(notStatus.url(), tls.caPem)), "shop");
    expect(r1.ok ? "" : r1.message).toContain("HTTP 403");
    expect(r1.ok ? "" : r1.message).not.toContain("NOT-A-STATUS");

    const status = await start(httpsServer(tls, "127.0.0.1", (_req, res) => {
      res.statusCode = 403;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "Forbidden", code: 403, message: "version is forbidden: User \"x\" cannot get path \"/version\"" }));
    }));
    const r2 = await testConnection(kubeConfigFromText(kubeconfig(status.url(), tls.caPem)), "shop");
    expect(r2.ok ? "" : r2.message).toContain('cannot get path "/version"');
  });
});

describe("cluster address policy (BERTH_CLUSTER_ALLOW / BERTH_CLUSTER_DENY)", () => {
  let one: Server; // https on 127.0.0.1
  let two: Server; // https on 127.0.0.2
  beforeAll(async () => {
    one = await start(httpsServer(tls, "127.0.0.1", apiServer));
    two = await start(httpsServer(tls, "127.0.0.2", apiServer));
  });

  const connect = (url: string, allow?: string, deny?: string) =>
    testConnection(kubeConfigFromText(kubeconfig(url, tls.caPem), { addressPolicy: parseClusterAddressPolicy(allow, deny) }), "shop");
  const refusal = (r: Awaited<ReturnType<typeof testConnection>>) => (r.ok ? "(connected)" : r.message);

  it("keeps the kubeconfig's TLS settings: CA and client certificate (mutual TLS)", async () => {
    const mtls = await start(httpsServer(tls, "127.0.0.1", apiServer, { requireClientCert: true }));
    const b64 = (pem: string) => Buffer.from(pem).toString("base64");
    const text = tokenKubeconfig({ server: mtls.url(), caPem: tls.caPem, userLines: [`    client-certificate-data: ${b64(tls.clientCertPem)}`, `    client-key-data: ${b64(tls.clientKeyPem)}`] });
    expect(await testConnection(kubeConfigFromText(text), "shop")).toMatchObject({ ok: true, serverVersion: "v1.36.0-fake" });
    // without the client certificate the server refuses the handshake
    expect((await testConnection(kubeConfigFromText(kubeconfig(mtls.url(), tls.caPem)), "shop")).ok).toBe(false);
    // and a server whose certificate the CA did not sign is refused
    const otherCa = makeTls().caPem;
    expect(await testConnection(kubeConfigFromText(kubeconfig(one.url(), otherCa)), "shop")).toMatchObject({ ok: false });
  });

  it("allows loopback by default (the test cluster runs on 127.0.0.1)", async () => {
    expect((await connect(one.url())).ok).toBe(true);
    expect((await connect(two.url())).ok).toBe(true);
    expect((await connect(one.url("localhost"))).ok).toBe(true);
  });

  it("with an allow list, refuses every address not in it without connecting", async () => {
    const before = two.hits.length;
    expect((await connect(one.url(), "127.0.0.1/32")).ok).toBe(true);
    expect(refusal(await connect(two.url(), "127.0.0.1/32"))).toMatch(/Berth does not connect to 127\.0\.0\.2: it is not in the operator's list of allowed clusters \(BERTH_CLUSTER_ALLOW\)/);
    expect(two.hits.length).toBe(before);
  });

  it("deny wins over allow", async () => {
    const before = two.hits.length;
    expect(refusal(await connect(two.url(), "127.0.0.0/8", "127.0.0.2"))).toMatch(/127\.0\.0\.2: the address is denied by the operator \(BERTH_CLUSTER_DENY\)/);
    expect((await connect(one.url(), "127.0.0.0/8", "127.0.0.2")).ok).toBe(true);
    expect(two.hits.length).toBe(before);
  });

  it("checks the address a host name resolves to, at connect time", async () => {
    const before = one.hits.length;
    expect(refusal(await connect(one.url("localhost"), undefined, "127.0.0.1/32"))).toMatch(/does not connect to localhost \(127\.0\.0\.1\): the address is denied/);
    // denied by name, whatever it resolves to
    expect(refusal(await connect(one.url("localhost"), "127.0.0.0/8", "localhost"))).toMatch(/does not connect to localhost: the address is denied/);
    // the same server by IP is not in an allow list that names only the host name
    expect(refusal(await connect(one.url(), "localhost"))).toMatch(/not in the operator's list/);
    expect(one.hits.length).toBe(before);
    // allowed by address (the name resolves into the allowed range), and by name
    expect((await connect(one.url("localhost"), "127.0.0.1/32")).ok).toBe(true);
    expect((await connect(one.url("localhost"), "localhost")).ok).toBe(true);
  });

  it("refuses link-local and cloud metadata addresses by default, before any connection", async () => {
    for (const url of ["https://169.254.169.254", "https://[fe80::1]:6443", "https://[fd00:ec2::254]", "https://100.100.100.200", "https://metadata.google.internal", "https://0.0.0.0:6443"]) {
      expect(refusal(await connect(url, "0.0.0.0/0,::/0"))).toMatch(/link-local and cloud metadata addresses are never a cluster/);
    }
  });

  it("guards every cluster request: plan and rollout too", async () => {
    const kc = kubeConfigFromText(kubeconfig(two.url(), tls.caPem), { addressPolicy: parseClusterAddressPolicy("127.0.0.1", undefined) });
    const before = two.hits.length;
    const rollout = await readRollout(kc, "shop", "web", new Date());
    expect(rollout).toMatchObject({ state: "unavailable", reason: expect.stringContaining("BERTH_CLUSTER_ALLOW") });
    const plan = await planBundle(kc, "shop", [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" } }]).catch(describeError);
    expect(JSON.stringify(plan)).toContain("BERTH_CLUSTER_ALLOW");
    expect(two.hits.length).toBe(before);
  });
});
