// Preloaded into the Next process (NODE_OPTIONS=--require) by the launcher. Next's server keeps
// a client's X-Forwarded-For as sent and only fills it in when absent, so the socket's address is
// lost exactly when someone writes the header. Like any reverse proxy, we append the address this
// server was connected from as the last entry; lib/config/client-ip.ts reads the header from the
// right (BERTH_TRUSTED_PROXIES says how many hops to believe), so a forged left part is ignored.
const http = require("node:http");

const STAMPED = Symbol.for("berth.peerAddress");
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitWithPeer(event, req) {
  if (event === "request" && req && req.headers && !req[STAMPED]) {
    req[STAMPED] = true;
    const peer = (req.socket && req.socket.remoteAddress) || "";
    const prior = req.headers["x-forwarded-for"];
    if (peer) req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
  }
  return emit.apply(this, arguments);
};
