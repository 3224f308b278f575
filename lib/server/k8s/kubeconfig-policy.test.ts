import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { KUBECONFIG_MAX_BYTES, vetKubeconfig } from "./kubeconfig-policy";

const CA = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toString("base64");

function kubeconfig(opts: { cluster?: Record<string, unknown>; user?: Record<string, unknown>; namespace?: string; extraContexts?: string[]; current?: string | null } = {}) {
  const contexts = [{ name: "main", context: { cluster: "c1", user: "u1", ...(opts.namespace ? { namespace: opts.namespace } : {}) } }];
  for (const name of opts.extraContexts ?? []) contexts.push({ name, context: { cluster: "c1", user: "u1" } });
  const doc: Record<string, unknown> = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "c1", cluster: { server: "https://k8s.example.com:6443", "certificate-authority-data": CA, ...opts.cluster } }],
    users: [{ name: "u1", user: opts.user ?? { token: "abc123" } }],
    contexts,
  };
  if (opts.current !== null) doc["current-context"] = opts.current ?? "main";
  return stringify(doc);
}

const refusalCodes = (text: string, context?: string) => {
  const r = vetKubeconfig(text, { context });
  return r.ok ? [] : r.refusals.map((x) => x.code);
};

describe("vetKubeconfig", () => {
  it("accepts a token kubeconfig and normalizes it to one context with data fields only", () => {
    const r = vetKubeconfig(kubeconfig({ namespace: "shop" }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ context: "main", server: "https://k8s.example.com:6443", namespace: "shop", insecureSkipTls: false, warnings: [] });
    const n = parse(r.value.normalized);
    expect(n.contexts).toEqual([{ name: "main", context: { cluster: "cluster", user: "user", namespace: "shop" } }]);
    expect(n.users[0].user).toEqual({ token: "abc123" });
    expect(n.clusters[0].cluster).toEqual({ server: "https://k8s.example.com:6443", "certificate-authority-data": CA });
  });

  it("accepts client certificate data and defaults the namespace", () => {
    const r = vetKubeconfig(kubeconfig({ user: { "client-certificate-data": CA, "client-key-data": CA } }));
    expect(r.ok && r.value.namespace).toBe("default");
  });

  it("refuses exec plugins with the reason", () => {
    const r = vetKubeconfig(kubeconfig({ user: { exec: { apiVersion: "client.authentication.k8s.io/v1", command: "aws", args: ["eks", "get-token"] } } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusals[0].code).toBe("exec");
    expect(r.refusals[0].message).toMatch(/exec plugin.*never runs programs/);
  });

  it("refuses auth-provider plugins", () => {
    expect(refusalCodes(kubeconfig({ user: { "auth-provider": { name: "gcp", config: {} } } }))).toEqual(["auth_provider"]);
  });

  it.each([
    ["certificate-authority", { cluster: { "certificate-authority": "/etc/kubernetes/ca.crt" } }],
    ["client-certificate", { user: { "client-certificate": "/root/.kube/cert.pem", "client-key-data": CA } }],
    ["client-key", { user: { "client-certificate-data": CA, "client-key": "/root/.kube/key.pem" } }],
    ["tokenFile", { user: { tokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token" } }],
  ])("refuses the file path field %s and names it", (field, opts) => {
    const r = vetKubeconfig(kubeconfig(opts));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const refusal = r.refusals.find((x) => x.code === "file_path");
    expect(refusal?.message).toContain(`${field} points at a file`);
  });

  it("refuses plain http everywhere, loopback included (kubectl proxy would lend its identity)", () => {
    expect(refusalCodes(kubeconfig({ cluster: { server: "http://k8s.example.com" } }))).toEqual(["insecure_server"]);
    expect(refusalCodes(kubeconfig({ cluster: { server: "http://127.0.0.1:8001" } }))).toEqual(["insecure_server"]);
    expect(refusalCodes(kubeconfig({ cluster: { server: "not a url" } }))).toContain("bad_server");
  });

  it("refuses credentials in the server URL (it is stored, shown and audited in clear)", () => {
    expect(refusalCodes(kubeconfig({ cluster: { server: "https://admin:s3cret@k8s.example.com:6443" } }))).toEqual(["server_userinfo"]);
    expect(refusalCodes(kubeconfig({ cluster: { server: "https://s3cret@k8s.example.com" } }))).toEqual(["server_userinfo"]);
    const r = vetKubeconfig(kubeconfig({ cluster: { server: "https://admin:s3cret@k8s.example.com" } }));
    expect(JSON.stringify(r)).not.toContain("s3cret");
  });

  it("warns on insecure-skip-tls-verify", () => {
    const r = vetKubeconfig(kubeconfig({ cluster: { "insecure-skip-tls-verify": true } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.insecureSkipTls).toBe(true);
    expect(r.value.warnings[0]).toMatch(/insecure-skip-tls-verify/);
    expect(parse(r.value.normalized).clusters[0].cluster["insecure-skip-tls-verify"]).toBe(true);
  });

  it("refuses proxies, impersonation and unknown fields", () => {
    expect(refusalCodes(kubeconfig({ cluster: { "proxy-url": "http://proxy:3128" } }))).toEqual(["proxy"]);
    expect(refusalCodes(kubeconfig({ user: { token: "t", as: "system:admin" } }))).toEqual(["impersonation"]);
    expect(refusalCodes(kubeconfig({ user: { token: "t", "something-new": 1 } }))).toEqual(["unknown_field"]);
  });

  it("requires credentials and both halves of a client certificate", () => {
    expect(refusalCodes(kubeconfig({ user: {} }))).toEqual(["no_credentials"]);
    expect(refusalCodes(kubeconfig({ user: { "client-certificate-data": CA } }))).toEqual(["half_certificate"]);
    expect(refusalCodes(kubeconfig({ user: { "client-certificate-data": "%%%", "client-key-data": CA } }))).toEqual(["bad_data"]);
  });

  it("asks to choose a context when there are several and no current one; refuses an unknown one", () => {
    const text = kubeconfig({ extraContexts: ["other"], current: null });
    const r = vetKubeconfig(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusals[0].code).toBe("choose_context");
    expect(r.contexts).toEqual(["main", "other"]);
    expect(vetKubeconfig(text, { context: "other" }).ok).toBe(true);
    expect(refusalCodes(text, "nope")).toEqual(["unknown_context"]);
  });

  it("vets only the chosen context's cluster and user", () => {
    const doc = parse(kubeconfig({ extraContexts: ["eks"] }));
    doc.users.push({ name: "eks-user", user: { exec: { command: "aws" } } });
    doc.contexts[1].context.user = "eks-user";
    expect(vetKubeconfig(stringify(doc), { context: "main" }).ok).toBe(true);
    expect(refusalCodes(stringify(doc), "eks")).toEqual(["exec"]);
  });

  it("refuses dangling references, garbage, oversize input and bad namespaces", () => {
    const doc = parse(kubeconfig());
    doc.contexts[0].context.user = "ghost";
    expect(refusalCodes(stringify(doc))).toEqual(["unknown_user"]);
    doc.contexts[0].context = { cluster: "ghost", user: "u1" };
    expect(refusalCodes(stringify(doc))).toEqual(["unknown_cluster"]);
    expect(refusalCodes("")).toEqual(["empty"]);
    expect(refusalCodes("a: [unclosed")).toEqual(["not_yaml"]);
    expect(refusalCodes("kind: Pod\n")).toEqual(["not_kubeconfig"]);
    expect(refusalCodes("x".repeat(KUBECONFIG_MAX_BYTES + 1))).toEqual(["too_large"]);
    expect(refusalCodes(kubeconfig({ namespace: "Bad_NS" }))).toEqual(["bad_namespace"]);
  });

  it("resists YAML alias bombs", () => {
    const bomb = ["a: &a [x,x,x,x,x,x,x,x,x]", "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]", "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]"].join("\n");
    expect(refusalCodes(bomb)).toEqual(["not_yaml"]);
  });

  it("accepts JSON kubeconfigs", () => {
    const json = JSON.stringify(parse(kubeconfig()));
    expect(vetKubeconfig(json).ok).toBe(true);
  });
});
