// Runs one of Berth's command-line scripts as an operator would: its own Node process (tsx), in
// the project folder, with nothing from this test process's environment but PATH/HOME and `env`.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(__dirname, "../..");
const run = promisify(execFile);

export async function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  const base: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, env: { ...base, ...env } as unknown as NodeJS.ProcessEnv, timeout: 120_000 });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === "number" ? err.code : -1, out: (err.stdout ?? "") + (err.stderr ?? "") };
  }
}
