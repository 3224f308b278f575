import { CliError, EXIT, type ExitCode } from "./errors";
import { processIo, type Io } from "./io";
import * as deploy from "./commands/deploy";
import * as history from "./commands/history";
import * as importCmd from "./commands/import";
import * as login from "./commands/login";
import * as plan from "./commands/plan";
import * as redeploy from "./commands/redeploy";
import * as render from "./commands/render";
import * as templates from "./commands/templates";
import * as undeploy from "./commands/undeploy";
import * as validate from "./commands/validate";

type Command = { run: (argv: string[], io: Io) => Promise<ExitCode>; help: string; summary: string };

const COMMANDS: Record<string, Command> = {
  validate: { run: validate.validate, help: validate.HELP, summary: "check a template file or Kubernetes YAML (offline)" },
  render: { run: render.render, help: render.HELP, summary: "render a template file (offline, -f) or a template on the server" },
  import: { run: importCmd.importFile, help: importCmd.HELP, summary: "Kubernetes YAML → a Berth template file (offline)" },
  login: { run: login.login, help: login.HELP, summary: "save the server URL and an API token (checked first)" },
  templates: { run: templates.templates, help: templates.HELP, summary: "ls: the templates you can see" },
  plan: { run: plan.plan, help: plan.HELP, summary: "what a deploy would do (RBAC, dry run, per-object action)" },
  deploy: { run: deploy.deploy, help: deploy.HELP, summary: "deploy a template version; --wait until every pod is Ready" },
  redeploy: { run: redeploy.redeploy, help: redeploy.HELP, summary: "apply a record's manifest again (rollback)" },
  undeploy: { run: undeploy.undeploy, help: undeploy.HELP, summary: "remove a record's app (volume claims kept)" },
  history: { run: history.history, help: history.HELP, summary: "deployment records, newest first" },
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
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
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
