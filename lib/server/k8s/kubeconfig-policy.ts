import { english } from "@/lib/i18n/english";
import { msg, type Msg, type MsgValue } from "@/lib/i18n/message";
import { isObj, type Obj } from "@/lib/manifests";
import { parse, stringify } from "yaml";

// What Berth accepts as a user's kubeconfig. Pure (no I/O): parse, pick a context, refuse
// anything that would make the server run a program or read its own files, warn about weak TLS,
// and produce a minimal, self-contained kubeconfig (one context, data fields only) — the only
// form that is ever stored or handed to the Kubernetes client.
export const KUBECONFIG_MAX_BYTES = 256 * 1024;

/** `message` is the English text (audit of file_path/bad_data, the API); `msg` the same for the console. */
export type KubeconfigRefusal = { code: string; message: string; msg: Msg };

function refusal(code: string, key: string, values?: Record<string, MsgValue>): KubeconfigRefusal {
  const m = msg(`serverErrors.kubeconfig.${key}`, values);
  return { code, message: english(m), msg: m };
}

export type VettedKubeconfig = {
  contexts: string[];
  context: string;
  clusterName: string;
  userName: string;
  server: string;
  namespace: string;
  insecureSkipTls: boolean;
  warnings: string[];
  /** The same warnings as catalogue messages (the console's language). */
  warningMsgs: Msg[];
  /** The minimal kubeconfig (YAML) built from the vetted fields only. */
  normalized: string;
};

export type VetResult = { ok: true; value: VettedKubeconfig } | { ok: false; refusals: KubeconfigRefusal[]; contexts: string[] };


const CLUSTER_FIELDS = new Set(["server", "certificate-authority-data", "tls-server-name", "insecure-skip-tls-verify", "disable-compression", "extensions"]);
const USER_FIELDS = new Set(["client-certificate-data", "client-key-data", "token", "username", "password", "extensions"]);
// The file each field names, as a catalogue key under serverErrors.kubeconfig.file.
const FILE_FIELDS: Record<string, string> = {
  "certificate-authority": "ca",
  "client-certificate": "clientCertificate",
  "client-key": "clientKey",
  tokenFile: "token",
  "token-file": "token",
};
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Parses and vets a kubeconfig; `context` picks one when the file has several. */
export function vetKubeconfig(text: string, options: { context?: string } = {}): VetResult {
  const fail = (code: string, key: string, values?: Record<string, MsgValue>, contexts: string[] = []): VetResult => ({ ok: false, refusals: [refusal(code, key, values)], contexts });
  if (Buffer.byteLength(text, "utf8") > KUBECONFIG_MAX_BYTES) return fail("too_large", "tooLarge", { kib: KUBECONFIG_MAX_BYTES / 1024 });
  if (text.trim() === "") return fail("empty", "empty");
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 50, prettyErrors: false });
  } catch (e) {
    return fail("not_yaml", "notYaml", { where: yamlErrorWhere(text, e) });
  }
  if (!isObj(doc) || (doc.kind !== undefined && doc.kind !== "Config")) return fail("not_kubeconfig", "notKubeconfig");
  const contexts = namedList(doc.contexts, "context");
  const names = contexts.map((c) => c.name);
  if (contexts.length === 0) return fail("no_context", "noContext");
  const chosen = options.context || (typeof doc["current-context"] === "string" && doc["current-context"]) || (contexts.length === 1 ? names[0] : "");
  if (!chosen) return fail("choose_context", "chooseContext", { count: contexts.length }, names);
  const ctx = contexts.find((c) => c.name === chosen);
  if (!ctx) return fail("unknown_context", "unknownContext", { name: shown(chosen) }, names);
  const clusterName = typeof ctx.body.cluster === "string" ? ctx.body.cluster : "";
  const userName = typeof ctx.body.user === "string" ? ctx.body.user : "";
  const cluster = namedList(doc.clusters, "cluster").find((c) => c.name === clusterName);
  const user = namedList(doc.users, "user").find((u) => u.name === userName);
  if (!cluster) return fail("unknown_cluster", "unknownCluster", { context: shown(chosen), cluster: shown(clusterName) }, names);
  if (!user) return fail("unknown_user", "unknownUser", { context: shown(chosen), user: shown(userName) }, names);

  const refusals = [...checkCluster(cluster.body), ...checkUser(user.body)];
  const namespace = typeof ctx.body.namespace === "string" && ctx.body.namespace !== "" ? ctx.body.namespace : "default";
  if (!DNS_LABEL.test(namespace)) refusals.push(refusal("bad_namespace", "badNamespace", { name: shown(namespace, 63) }));
  if (refusals.length) return { ok: false, refusals, contexts: names };

  const server = String(cluster.body.server);
  const insecureSkipTls = cluster.body["insecure-skip-tls-verify"] === true;
  const warningMsgs: Msg[] = insecureSkipTls ? [msg("serverErrors.kubeconfig.insecureSkipTls")] : [];
  const warnings = warningMsgs.map((w) => english(w));
  return {
    ok: true,
    value: { contexts: names, context: chosen, clusterName, userName, server, namespace, insecureSkipTls, warnings, warningMsgs, normalized: normalize(chosen, cluster.body, user.body, namespace) },
  };
}

/**
 * A name from the kubeconfig, quoted, when it is short: a long value may be a credential pasted in
 * the wrong place, and messages are shown and kept (the audit keeps only `refusalAuditText`).
 */
function shown(value: string, max = 100): MsgValue {
  return value.length <= max && !/[\s"]/.test(value) ? `"${value}"` : msg("serverErrors.kubeconfig.valueTooLong");
}

/** Where a YAML error is, by position and kind only: the parser's own message may quote the text. */
function yamlErrorWhere(text: string, e: unknown): MsgValue {
  const err = e as { code?: unknown; pos?: unknown };
  const at = Array.isArray(err.pos) && typeof err.pos[0] === "number" ? err.pos[0] : -1;
  const kind = typeof err.code === "string" && /^[A-Z_]{1,40}$/.test(err.code) ? err.code.toLowerCase().replace(/_/g, " ") : "";
  if (at < 0) return kind ? msg("serverErrors.kubeconfig.whereKind", { kind }) : "";
  const before = text.slice(0, at).split("\n");
  const where = { line: before.length, column: before[before.length - 1].length + 1 };
  return kind ? msg("serverErrors.kubeconfig.whereAtKind", { ...where, kind }) : msg("serverErrors.kubeconfig.whereAt", where);
}

// What the audit trail keeps of a refusal: fixed text per code, never text from the kubeconfig.
const AUDIT_TEXT: Record<string, string> = {
  too_large: "the kubeconfig is too large",
  empty: "the kubeconfig is empty",
  not_yaml: "the kubeconfig is not valid YAML",
  not_kubeconfig: "not a kubeconfig",
  no_context: "the kubeconfig has no contexts",
  choose_context: "several contexts and none chosen",
  unknown_context: "the chosen context is not defined",
  unknown_cluster: "the context names a cluster that is not defined",
  unknown_user: "the context names a user that is not defined",
  bad_namespace: "the context's namespace is not a valid name",
  proxy: "proxy-url is not supported",
  unknown_field: "a field Berth does not support",
  bad_server: "the server is not a URL",
  insecure_server: "the server is not https",
  server_userinfo: "credentials in the server URL",
  exec: "the user runs an exec plugin",
  auth_provider: "the user uses an auth-provider plugin",
  impersonation: "impersonation is not supported",
  half_certificate: "half a client certificate",
  no_credentials: "the user has no credentials",
};

/** A refusal as the audit trail records it. `file_path` and `bad_data` name a field from Berth's own fixed lists. */
export function refusalAuditText(r: KubeconfigRefusal): string {
  if (r.code === "file_path" || r.code === "bad_data") return r.message;
  return AUDIT_TEXT[r.code] ?? r.code;
}

function namedList(value: unknown, key: string): Array<{ name: string; body: Obj }> {
  if (!Array.isArray(value)) return [];
  return value.filter(isObj).flatMap((e) => (typeof e.name === "string" && isObj(e[key]) ? [{ name: e.name, body: e[key] as Obj }] : []));
}

function checkCluster(c: Obj): KubeconfigRefusal[] {
  const out: KubeconfigRefusal[] = [];
  for (const key of Object.keys(c)) {
    if (Object.hasOwn(FILE_FIELDS, key)) out.push(fileRefusal(key));
    else if (key === "proxy-url") out.push(refusal("proxy", "proxy"));
    else if (!CLUSTER_FIELDS.has(key)) out.push(refusal("unknown_field", "unknownClusterField", { name: shown(key, 63) }));
  }
  const server = typeof c.server === "string" ? c.server : "";
  let url: URL | null = null;
  try {
    url = new URL(server);
  } catch {
    out.push(refusal("bad_server", "badServer"));
  }
  // Plain http is refused everywhere, loopback included: an unauthenticated local endpoint (such as
  // `kubectl proxy`) would act with someone else's identity, and would let a kubeconfig point
  // Berth's server at its own host's services.
  if (url && url.protocol !== "https:") {
    out.push(refusal("insecure_server", url.protocol === "http:" ? "insecureServerHttp" : "insecureServer"));
  }
  // The server URL is stored and shown in clear (credential view, audit summary): no secrets in it.
  if (url && (url.username || url.password)) {
    out.push(refusal("server_userinfo", "serverUserinfo"));
  }
  if (c["certificate-authority-data"] !== undefined && !isBase64(c["certificate-authority-data"])) out.push(badData("certificate-authority-data"));
  return out;
}

function checkUser(u: Obj): KubeconfigRefusal[] {
  const out: KubeconfigRefusal[] = [];
  for (const key of Object.keys(u)) {
    if (Object.hasOwn(FILE_FIELDS, key)) out.push(fileRefusal(key));
    else if (key === "exec") out.push(refusal("exec", "exec"));
    else if (key === "auth-provider") out.push(refusal("auth_provider", "authProvider"));
    else if (/^as(-|$)/.test(key)) out.push(refusal("impersonation", "impersonation", { name: shown(key, 63) }));
    else if (!USER_FIELDS.has(key)) out.push(refusal("unknown_field", "unknownUserField", { name: shown(key, 63) }));
  }
  for (const key of ["client-certificate-data", "client-key-data"]) if (u[key] !== undefined && !isBase64(u[key])) out.push(badData(key));
  const hasCert = u["client-certificate-data"] !== undefined || u["client-key-data"] !== undefined;
  if (hasCert && !(u["client-certificate-data"] && u["client-key-data"])) out.push(refusal("half_certificate", "halfCertificate"));
  if (!hasCert && !u.token && !u.username && !out.length) out.push(refusal("no_credentials", "noCredentials"));
  return out;
}

function fileRefusal(key: string): KubeconfigRefusal {
  return refusal("file_path", "filePath", { key, what: msg(`serverErrors.kubeconfig.file.${FILE_FIELDS[key]}`), field: key === "tokenFile" || key === "token-file" ? "token" : `${key}-data` });
}

const badData = (key: string): KubeconfigRefusal => refusal("bad_data", "badData", { key });

function isBase64(v: unknown): boolean {
  return typeof v === "string" && /^[A-Za-z0-9+/=\s]+$/.test(v) && Buffer.from(v, "base64").length > 0;
}

function normalize(context: string, cluster: Obj, user: Obj, namespace: string): string {
  const pick = (src: Obj, keys: string[]) => Object.fromEntries(keys.filter((k) => src[k] !== undefined).map((k) => [k, src[k]]));
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    "current-context": context,
    clusters: [{ name: "cluster", cluster: pick(cluster, ["server", "certificate-authority-data", "tls-server-name", "insecure-skip-tls-verify"]) }],
    users: [{ name: "user", user: pick(user, ["client-certificate-data", "client-key-data", "token", "username", "password"]) }],
    contexts: [{ name: context, context: { cluster: "cluster", user: "user", namespace } }],
  });
}
