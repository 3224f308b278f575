import { parseDuration } from "./args";
import { ApiClient } from "./client";
import { resolveServer } from "./config";
import type { Io } from "./io";

/** The client for the configured server (BERTH_URL/BERTH_TOKEN, else `berth login`'s file). */
export function connect(io: Io, insecure: boolean | undefined): ApiClient {
  return new ApiClient(resolveServer(io.env, insecure === true), io);
}

/** How often --wait asks the server: 2 s, or BERTH_POLL_INTERVAL (e.g. 500ms). */
export function pollInterval(io: Io): number {
  return io.env.BERTH_POLL_INTERVAL ? parseDuration(io.env.BERTH_POLL_INTERVAL, "BERTH_POLL_INTERVAL") : 2000;
}
