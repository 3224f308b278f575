import { CliError, EXIT, type ExitCode } from "./errors";
import { processIo, type Io } from "./io";
type CommandModule = { run: (argv: string[], io: Io) => Promise<ExitCode>; HELP: string };
type Command = { summary: string; load: () => CommandModule };

// Each command's module is loaded only when it runs (require: the bin runs this file as CommonJS
// through tsx): `berth validate` never loads the HTTP client, `berth deploy` never loads the
// importer, so a CI step starts faster.
const COMMANDS: Record<string, Command> = {
  validate: { summary: "check a template file or Kubernetes YAML (offline)", load: () => { const c = require("./commands/validate") as typeof import("./commands/validate"); return { run: c.validate, HELP: c.HELP }; } },
  render: { summary: "render a template file (offline, -f) or a template on the server", load: () => { const c = require("./commands/render") as typeof import("./commands/render"); return { run: c.render, HELP: c.HELP }; } },
  import: { summary: "Kubernetes YAML → a Berth template file (offline)", load: () => { const c = require("./commands/import") as typeof import("./commands/import"); return { run: c.importFile, HELP: c.HELP }; } },
  login: { summary: "save the server URL and an API token (checked first)", load: () => { const c = require("./commands/login") as typeof import("./commands/login"); return { run: c.login, HELP: c.HELP }; } },
  templates: { summary: "ls: the templates you can see", load: () => { const c = require("./commands/templates") as typeof import("./commands/templates"); return { run: c.templates, HELP: c.HELP }; } },
  plan: { summary: "what a deploy would do (RBAC, dry run, per-object action)", load: () => { const c = require("./commands/plan") as typeof import("./commands/plan"); return { run: c.plan, HELP: c.HELP }; } },
  deploy: { summary: "deploy a template version; --wait until every pod is Ready", load: () => { const c = require("./commands/deploy") as typeof import("./commands/deploy"); return { run: c.deploy, HELP: c.HELP }; } },
  redeploy: { summary: "apply a record's manifest again (rollback)", load: () => { const c = require("./commands/redeploy") as typeof import("./commands/redeploy"); return { run: c.redeploy, HELP: c.HELP }; } },
  undeploy: { summary: "remove a record's app (volume claims kept)", load: () => { const c = require("./commands/undeploy") as typeof import("./commands/undeploy"); return { run: c.undeploy, HELP: c.HELP }; } },
  history: { summary: "deployment records, newest first", load: () => { const c = require("./commands/history") as typeof import("./commands/history"); return { run: c.history, HELP: c.HELP }; } },
};

export const USAGE = `berth — Berth from the command line and CI

Usage: berth COMMAND [options]      (berth COMMAND --help for its options)

${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`).join("\n")}

Common options: -o, --output json|yaml (default: a table for people); --insecure allows plain
http:// to a server other than this machine. Server: berth login, or BERTH_URL and BERTH_TOKEN.
Exit codes: 0 ok, 1 invalid or failed, 2 usage, 3 refused by the server, 4 timed out,
5 server unreachable or unusable, 6 waiting for approval.`;

/** Runs one command; the exit code is returned, the reason for a non-zero one is on stderr. */
export async function main(argv: string[], io: Io = processIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    (name ? io.out : io.err)(`${USAGE}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`berth: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const loaded = command.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`${loaded.HELP}\n`);
    return EXIT.ok;
  }
  try {
    return await loaded.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`berth ${name}: ${e.message}\n`);
      if (e.exitCode === EXIT.usage) io.err(`(berth ${name} --help shows the options)\n`);
      return e.exitCode;
    }
    io.err(`berth ${name}: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failed;
  }
}
