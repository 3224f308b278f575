import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { CliError, EXIT, usageError } from "./errors";

// Where `berth login` keeps the server and token: $XDG_CONFIG_HOME/berth/config.json (else
// ~/.config/berth), a 0600 file in a 0700 folder. BERTH_URL / BERTH_TOKEN (CI) override it.
export type Server = { url: string; token: string; insecure: boolean };

const ConfigSchema = z.object({ url: z.string().max(2048), token: z.string().max(512) });

export function configPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(env.HOME || os.homedir(), ".config");
  return path.join(base, "berth", "config.json");
}

/** Writes the file readable by its owner only (also when it existed with looser modes). */
export function saveConfig(env: NodeJS.ProcessEnv, config: { url: string; token: string }): string {
  const file = configPath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return file;
}

function readConfig(env: NodeJS.ProcessEnv): { url: string; token: string } | null {
  const file = configPath(env);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = ConfigSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    /* reported below */
  }
  throw usageError(`${file} is not a berth config file: run berth login again`);
}

/** The server to talk to: BERTH_URL / BERTH_TOKEN first, then the config file. */
export function resolveServer(env: NodeJS.ProcessEnv, insecure: boolean): Server {
  const saved = readConfig(env);
  const url = env.BERTH_URL || saved?.url;
  // A token saved for one server is never sent to another one named by BERTH_URL.
  const token = env.BERTH_TOKEN || (saved && (!env.BERTH_URL || sameServer(env.BERTH_URL, saved.url)) ? saved.token : undefined);
  if (!url || !token) {
    throw usageError(url ? "no token for this server: set BERTH_TOKEN, or run berth login --url URL --token TOKEN" : "no server configured: run berth login --url URL --token TOKEN, or set BERTH_URL and BERTH_TOKEN");
  }
  return { url: checkServerUrl(url, insecure), token: checkToken(token), insecure };
}

function sameServer(a: string, b: string): boolean {
  try {
    return new URL(a).href.replace(/\/+$/, "") === new URL(b).href.replace(/\/+$/, "");
  } catch {
    return false;
  }
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The server's base URL, normalised (no trailing slash). Plain http only to this machine unless
 * --insecure: a token sent over http to another host can be read by anyone on the way.
 */
export function checkServerUrl(text: string, insecure: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`the server URL ${JSON.stringify(text.slice(0, 200))} is not a URL (https://berth.example.com)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw usageError(`the server URL must start with https:// (not ${url.protocol})`);
  if (url.username || url.password) throw usageError("the server URL must not hold a user name or password: give the token with --token or BERTH_TOKEN");
  if (url.search || url.hash) throw usageError("the server URL must not have a query or a fragment");
  const loopback = LOOPBACK.has(url.hostname) || url.hostname.endsWith(".localhost");
  if (url.protocol === "http:" && !loopback && !insecure) {
    throw new CliError(`refusing to send the token over plain http to ${url.host}: use https://, or --insecure if you really mean it`, EXIT.usage);
  }
  return url.href.replace(/\/+$/, "");
}

/** A token is printable ASCII without spaces (it goes into a header); Berth's start with `berth_`. */
export function checkToken(token: string): string {
  const t = token.trim();
  if (!/^[\x21-\x7e]{8,512}$/.test(t)) throw usageError("the token is not a Berth API token (berth_…): copy it from your account page");
  return t;
}
