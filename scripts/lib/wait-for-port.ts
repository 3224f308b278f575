// Resolves once something accepts TCP connections on localhost:port (or the deadline passes).
import { connect } from "node:net";

export async function waitForPort(port: number, timeoutMs: number, isCancelled: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !isCancelled()) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "localhost", port }, () => (socket.destroy(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}
