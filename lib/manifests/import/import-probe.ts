import { asArr, asObj, type Obj } from "./read";

/** A probe or hook the model can represent, or undefined (the caller keeps it as passthrough). */
export function importAction(raw: Obj): { action: Obj; rest: Obj } | undefined {
  const { exec, httpGet, tcpSocket, ...rest } = raw;
  if (exec !== undefined && httpGet === undefined && tcpSocket === undefined) {
    const { command, ...other } = asObj(exec);
    return Object.keys(other).length ? undefined : { action: { type: "exec", command }, rest };
  }
  if (httpGet !== undefined && exec === undefined && tcpSocket === undefined) {
    const { path, port, scheme, host, httpHeaders, ...other } = asObj(httpGet);
    if (Object.keys(other).length) return undefined;
    const headers = asArr(httpHeaders).map((h) => ({ name: asObj(h).name, value: asObj(h).value }));
    return { action: { type: "httpGet", path: path ?? "/", port, scheme: scheme ?? "HTTP", ...(host !== undefined ? { host } : {}), headers }, rest };
  }
  if (tcpSocket !== undefined && exec === undefined && httpGet === undefined) {
    const { port, host, ...other } = asObj(tcpSocket);
    return Object.keys(other).length ? undefined : { action: { type: "tcpSocket", port, ...(host !== undefined ? { host } : {}) }, rest };
  }
  return undefined;
}

const TIMING_KEYS = ["initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold"] as const;

/** Probe → model probe; undefined for grpc probes or unknown fields (kept in the container's passthrough). */
export function importProbe(raw: unknown): Obj | undefined {
  const parsed = importAction(asObj(raw));
  if (!parsed) return undefined;
  const { action, rest } = parsed;
  const probe: Obj = { ...action };
  const remaining = { ...rest };
  for (const key of TIMING_KEYS) {
    if (remaining[key] !== undefined) probe[key] = remaining[key];
    delete remaining[key];
  }
  return Object.keys(remaining).length ? undefined : probe;
}

/** postStart/preStop; undefined when either hook uses a handler the model lacks (sleep, tcpSocket). */
export function importLifecycle(raw: unknown): Obj | undefined {
  const { postStart, preStop, ...rest } = asObj(raw);
  if (Object.keys(rest).length) return undefined;
  const out: Obj = {};
  for (const [key, hook] of [["postStart", postStart], ["preStop", preStop]] as const) {
    if (hook === undefined) continue;
    const parsed = importAction(asObj(hook));
    if (!parsed || Object.keys(parsed.rest).length || parsed.action.type === "tcpSocket") return undefined;
    out[key] = parsed.action;
  }
  return out;
}
