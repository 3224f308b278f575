import type { V1LifecycleHandler, V1Probe } from "@kubernetes/client-node";
import type { LifecycleHandler, Probe } from "../model/probe";
import type { Obj } from "./object-helpers";

/** The handler part shared by probes and lifecycle hooks. */
function renderAction(action: Probe | LifecycleHandler): Obj {
  switch (action.type) {
    case "exec":
      return { exec: { command: [...action.command] } };
    case "tcpSocket": {
      const tcpSocket: Obj = {};
      if (action.host !== undefined) tcpSocket.host = action.host;
      tcpSocket.port = action.port;
      return { tcpSocket };
    }
    case "httpGet": {
      const httpGet: Obj = {};
      if (action.host !== undefined) httpGet.host = action.host;
      httpGet.path = action.path;
      httpGet.port = action.port;
      httpGet.scheme = action.scheme;
      if (action.headers.length) httpGet.httpHeaders = action.headers.map((h) => ({ name: h.name, value: h.value }));
      return { httpGet };
    }
  }
}

export function renderProbe(probe: Probe): V1Probe {
  const out = renderAction(probe);
  // Zero is the API default and what `kubectl get` omits, so leave it out too.
  if (probe.initialDelaySeconds !== 0) out.initialDelaySeconds = probe.initialDelaySeconds;
  out.periodSeconds = probe.periodSeconds;
  out.timeoutSeconds = probe.timeoutSeconds;
  out.successThreshold = probe.successThreshold;
  out.failureThreshold = probe.failureThreshold;
  return out as V1Probe;
}

export function renderLifecycleHandler(handler: LifecycleHandler): V1LifecycleHandler {
  return renderAction(handler) as V1LifecycleHandler;
}
