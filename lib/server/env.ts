import "server-only";
import { parseEnv, type Env } from "@/lib/config/env-schema";

export { decodeActionKey, decodeKey, parseEnv, type Env } from "@/lib/config/env-schema";

let cached: Env | undefined;

/** The validated configuration (checked once at start by instrumentation.ts). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Reads the configuration again (tests that change process.env; the app never needs it). */
export function reloadEnv(): Env {
  cached = parseEnv(process.env);
  return cached;
}

export function mailEnabled(): boolean {
  return Boolean(env().BERTH_SMTP_URL);
}

export function oidcEnabled(): boolean {
  return Boolean(env().BERTH_OIDC_ISSUER);
}
