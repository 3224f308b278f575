// Kept apart from pglite-server.ts so that code which only connects (apply-migrations.ts, and the
// container image's bundled migration runner) does not load PGlite.
/**
 * Connects a new client, retrying for a few seconds while the server still counts the previous
 * connection (the socket server takes one at a time and notices a closed one a moment later;
 * it refuses the next with "Too many connections" or a broken pipe). Harmless on Postgres.
 */
export async function connectWhenFree<C extends { connect(): Promise<unknown>; end(): Promise<unknown> }>(make: () => C, timeoutMs = 10_000): Promise<C> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const client = make();
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      const text = `${(error as { code?: string }).code ?? ""} ${(error as Error).message ?? ""}`;
      if (Date.now() > deadline || !/EPIPE|ECONNRESET|Too many connections|Connection terminated/i.test(text)) throw error;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
