import "server-only";
import { DecoratorHandler, type Dispatcher } from "undici";

// A cluster's reply is untrusted input: a hostile or broken API server can answer with a body of
// any size, and the client library reads whole bodies into memory. Every cluster request goes
// through this interceptor (client.ts), which fails the request once the body passes the limit
// (by Content-Length before reading, or by counting the bytes as they arrive).
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export class ResponseTooLarge extends Error {
  override name = "ResponseTooLarge";
  constructor(readonly limit: number) {
    super(`the cluster's reply is larger than ${Math.round(limit / (1024 * 1024))} MiB; Berth does not read it`);
  }
}

// undici's DecoratorHandler forwards the handler API that fetch uses (its typings only list the old
// callback names); this subclass counts the body on its way through.
type Headers = Parameters<NonNullable<Dispatcher.DispatchHandler["onResponseStart"]>>[2];
interface Forwarding {
  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Headers, statusMessage?: string): void;
  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void;
}
const Decorator = DecoratorHandler as unknown as new (handler: Dispatcher.DispatchHandler) => Forwarding & Dispatcher.DispatchHandler;

class LimitHandler extends Decorator {
  #seen = 0;
  constructor(private readonly limit: number, handler: Dispatcher.DispatchHandler) {
    super(handler);
  }

  override onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Headers, statusMessage?: string): void {
    const length = Number(headers["content-length"]);
    if (Number.isFinite(length) && length > this.limit) throw new ResponseTooLarge(this.limit);
    return super.onResponseStart(controller, statusCode, headers, statusMessage);
  }

  override onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#seen += chunk.length;
    if (this.#seen > this.limit) throw new ResponseTooLarge(this.limit);
    return super.onResponseData(controller, chunk);
  }
}

/** An undici interceptor: replies larger than `limit` bytes fail with ResponseTooLarge. */
export function limitResponseBody(limit = MAX_RESPONSE_BYTES): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) => dispatch(opts, new LimitHandler(limit, handler));
}
