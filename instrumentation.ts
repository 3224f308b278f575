// Runs once when a server instance starts: a bad configuration stops it with one clear message.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./lib/server/env");
    env();
  }
}
