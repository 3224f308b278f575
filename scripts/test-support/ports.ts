import net from "node:net";

/** A loopback port nothing listens on right now (bound, then closed): a server that is down, or a port to start one on. */
export function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
