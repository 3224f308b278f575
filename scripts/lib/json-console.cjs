// Preloaded into the server process (the image's CMD and the launcher's `next start`), beside
// peer-address.cjs. Berth's own logs are pino JSON lines; Next itself and a few libraries write
// with console.* (the start banner, "Ready in …", warnings), which would put plain text lines in
// between. Each console call becomes one JSON line of the same shape (level, time, service, msg),
// so a log collector can parse every line. pino writes to the stream directly and is not touched.
const util = require("node:util");

const ANSI = /\u001b\[[0-9;]*m/g;
const LEVELS = { debug: "debug", log: "info", info: "info", warn: "warn", error: "error" };

for (const [method, level] of Object.entries(LEVELS)) {
  const stream = level === "warn" || level === "error" ? process.stderr : process.stdout;
  console[method] = (...args) => {
    const msg = util.format(...args).replace(ANSI, "").trim();
    if (!msg) return; // Next prints blank lines around its banner
    stream.write(`${JSON.stringify({ level, time: new Date().toISOString(), service: "berth", source: "console", msg })}\n`);
  };
}
