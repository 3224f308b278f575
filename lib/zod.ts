// Zod for every schema that may run in the browser (lib/manifests, lib/validation, lib/audit).
// Zod 4 compiles object parsers with `new Function` and probes for it with Function("") when a
// schema is built; Berth's Content-Security-Policy forbids eval, so Chromium reports that probe as
// a violation. `jitless` must be set before any schema is built, so those modules import zod from
// here (ES modules run this file's body before theirs). Pinned by lib/zod.test.ts.
import { config } from "zod";

config({ jitless: true });

export * from "zod";
