import { MeSchema } from "../api-schemas";
import { outputFormat, parse, positionals, SERVER_OPTIONS } from "../args";
import { ApiClient } from "../client";
import { checkServerUrl, checkToken, saveConfig } from "../config";
import { EXIT, usageError, type ExitCode } from "../errors";
import type { Io } from "../io";
import { oneLine, printResult } from "../output";

export const HELP = `berth login --url URL --token TOKEN [--insecure]

Checks the token against the server (GET /api/v1/me) and saves both to
$XDG_CONFIG_HOME/berth/config.json (default ~/.config/berth), readable by you only.
TOKEN "-" reads it from standard input (kept out of the process list and shell history).
Create a token on your account page in Berth. In CI, set BERTH_URL and BERTH_TOKEN instead:
they override the file. Plain http:// is refused except to this machine unless --insecure.`;

export async function login(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, { url: { type: "string" }, token: { type: "string" }, ...SERVER_OPTIONS });
  positionals(rest, []);
  const format = outputFormat(values.output);
  const rawUrl = values.url ?? io.env.BERTH_URL;
  // `--token -` reads it from standard input, so it is not in the process list or shell history.
  const rawToken = values.token === "-" ? (await io.readStdin(4096)).trim() : (values.token ?? io.env.BERTH_TOKEN);
  if (!rawUrl || !rawToken) throw usageError("give --url URL and --token TOKEN");
  const server = { url: checkServerUrl(rawUrl, values.insecure === true), token: checkToken(rawToken), insecure: values.insecure === true };
  const me = await new ApiClient(server, io).get("/api/v1/me", MeSchema);
  const file = saveConfig(io.env, { url: server.url, token: server.token });
  printResult(io, format, { url: server.url, user: me.user, team: me.team, role: me.role, token: { id: me.token.id, name: me.token.name, role: me.token.role, expiresAt: me.token.expiresAt }, config: file }, () =>
    oneLine(`Logged in to ${server.url} as ${me.user.email} — team ${me.team.name}, role ${me.role} (token "${me.token.name}"${me.token.expiresAt ? `, expires ${me.token.expiresAt.slice(0, 10)}` : ""}). Saved to ${file}`));
  return EXIT.ok;
}
