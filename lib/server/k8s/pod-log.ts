import "server-only";
import { RequestContext, HttpMethod, type KubeConfig } from "@kubernetes/client-node";
import { fetch } from "undici";

// A pod's log through the API server's log subresource, with the caller's own credential.
// Written here rather than with the client's Log helper so that the request stops at the caller's
// signal (and a deadline until the server answers), and its size is bounded: at most `limitBytes`
// for a snapshot; a followed stream is cut by the caller. It goes through the kubeconfig's guarded
// dispatcher (address policy, redirects refused, body cap — guarded-dispatcher.ts) like every
// other cluster request.
export type PodLogOptions = { container: string; tailLines: number; previous: boolean; follow: boolean; limitBytes: number };

export const HEADER_TIMEOUT_MS = 15_000;

export class PodLogError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(`the API server answered HTTP ${code}`);
    this.name = "ApiException";
  }
}

export async function openPodLog(kc: KubeConfig, namespace: string, pod: string, opts: PodLogOptions, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("no cluster in this kubeconfig");
  const url = new URL(`${cluster.server.replace(/\/+$/, "")}/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`);
  url.searchParams.set("container", opts.container);
  url.searchParams.set("tailLines", String(opts.tailLines));
  url.searchParams.set("limitBytes", String(opts.limitBytes));
  if (opts.previous) url.searchParams.set("previous", "true");
  if (opts.follow) url.searchParams.set("follow", "true");
  const ctx = new RequestContext(url.toString(), HttpMethod.GET);
  await kc.applySecurityAuthentication(ctx);
  const untilHeaders = AbortSignal.any([signal, AbortSignal.timeout(HEADER_TIMEOUT_MS)]);
  const controller = new AbortController();
  const abort = () => controller.abort();
  untilHeaders.addEventListener("abort", abort, { once: true });
  const response = await fetch(url, { method: "GET", headers: ctx.getHeaders(), dispatcher: ctx.getDispatcher() as never, signal: controller.signal });
  untilHeaders.removeEventListener("abort", abort);
  signal.addEventListener("abort", abort, { once: true });
  if (response.status !== 200 || !response.body) {
    const text = (await response.text()).slice(0, 16_384);
    controller.abort();
    throw new PodLogError(response.status, text);
  }
  return response.body as unknown as ReadableStream<Uint8Array>;
}
