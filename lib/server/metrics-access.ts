import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "./env";

// Who may read /metrics: a bearer token from BERTH_METRICS_TOKEN; unset → the endpoint is off.
export type MetricsAccess = "disabled" | "denied" | "allowed";

export function metricsAccess(authorization: string | null): MetricsAccess {
  const token = env().BERTH_METRICS_TOKEN;
  if (!token) return "disabled";
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  // Hashes of equal length, compared in constant time: the answer's timing says nothing about the token.
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return given && timingSafeEqual(digest(given), digest(token)) ? "allowed" : "denied";
}
