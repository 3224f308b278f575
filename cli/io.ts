import fs from "node:fs";
import { CliError, EXIT, usageError } from "./errors";

/** What a command may touch of the process: its streams, environment and clock (tests pass their own). */
export type Io = {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  readStdin(limit: number): Promise<string>;
  sleep(ms: number): Promise<void>;
  now(): number;
};

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
  readStdin: async (limit) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new CliError(`standard input is larger than ${limit / 1024 / 1024} MiB`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  },
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
};

/** A file given with -f (or `-` for standard input), refused before reading when larger than `limit`. */
export async function readInputFile(io: Io, file: string, limit: number): Promise<string> {
  if (file === "-") return io.readStdin(limit);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw usageError(`${file}: no such file`);
  }
  if (!stat.isFile()) throw usageError(`${file}: not a file`);
  if (stat.size > limit) throw new CliError(`${file} is ${Math.round(stat.size / 1024)} KB; the limit is ${limit / 1024} KB (one application at a time)`, EXIT.failed);
  return fs.readFileSync(file, "utf8");
}
