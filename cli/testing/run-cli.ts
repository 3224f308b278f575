import { spawn } from "node:child_process";
import path from "node:path";

export const BERTH_BIN = path.resolve(__dirname, "../berth.mjs");

export type CliRun = { code: number | null; stdout: string; stderr: string };

/** Runs the real `berth` process (the package's bin) with these arguments, environment and standard input. */
export function runCli(args: string[], options: { env?: Record<string, string | undefined>; stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env } as unknown as NodeJS.ProcessEnv;
    const child = spawn(process.execPath, [BERTH_BIN, ...args], { cwd: options.cwd ?? process.cwd(), env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}
