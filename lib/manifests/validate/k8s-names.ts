/**
 * Kubernetes name and key syntax, ported from apimachinery's validation package
 * (k8s.io/apimachinery/pkg/util/validation). Each check returns a human message
 * or null, so callers can attach the message to one form field.
 */
import type { Msg } from "@/lib/i18n/message";
import { rule } from "./issue-list";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const WILDCARD_HOST = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const LIMITS = {
  dnsLabel: 63,
  dnsSubdomain: 253,
  labelValue: 63,
  portName: 15,
  /** Total bytes of all annotation keys + values on one object. */
  annotationsTotal: 256 * 1024,
} as const;

export type NameCheck = (value: string) => Msg | null;

export function checkDns1123Label(value: string, max: number = LIMITS.dnsLabel): Msg | null {
  if (value.length === 0) return rule("required");
  if (value.length > max) return rule("maxCharsHas", { max, has: value.length });
  if (!DNS1123_LABEL.test(value)) return rule("dns1123Label");
  return null;
}

export function checkDns1035Label(value: string, max: number = LIMITS.dnsLabel): Msg | null {
  if (value.length === 0) return rule("required");
  if (value.length > max) return rule("maxCharsHas", { max, has: value.length });
  if (!DNS1035_LABEL.test(value)) return rule("dns1035Label");
  return null;
}

export function checkDns1123Subdomain(value: string): Msg | null {
  if (value.length === 0) return rule("required");
  if (value.length > LIMITS.dnsSubdomain) return rule("maxChars", { max: LIMITS.dnsSubdomain });
  if (!DNS1123_SUBDOMAIN.test(value)) return rule("dns1123Subdomain");
  return null;
}

/** Ingress hosts: a DNS subdomain, optionally with a leading "*." wildcard label. */
export function checkHost(value: string): Msg | null {
  if (value.startsWith("*.")) {
    return value.length <= LIMITS.dnsSubdomain && WILDCARD_HOST.test(value)
      ? null
      : rule("host");
  }
  if (checkDns1123Subdomain(value) !== null) return rule("host");
  return null;
}

/** Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63. */
export function checkQualifiedName(key: string): Msg | null {
  const parts = key.split("/");
  if (parts.length > 2) return rule("oneSlash");
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) return rule("emptyPrefix");
    if (checkDns1123Subdomain(prefix) !== null) return rule("prefixSubdomain", { prefix });
  }
  if (name.length === 0) return rule("namePartRequired");
  if (name.length > LIMITS.dnsLabel) return rule("namePartMax", { max: LIMITS.dnsLabel });
  if (!QUALIFIED_NAME_PART.test(name)) return rule("namePartChars");
  return null;
}

export function checkLabelValue(value: string): Msg | null {
  if (value.length > LIMITS.labelValue) return rule("maxChars", { max: LIMITS.labelValue });
  if (!LABEL_VALUE.test(value)) return rule("labelValue");
  return null;
}

/** Port names (IANA_SVC_NAME): ≤ 15 chars, lowercase, at least one letter, no "--". */
export function checkPortName(value: string): Msg | null {
  if (value.length === 0) return rule("required");
  if (value.length > LIMITS.portName) return rule("maxChars", { max: LIMITS.portName });
  if (!IANA_SVC_NAME.test(value)) return rule("portNameChars");
  if (value.includes("--")) return rule("noDoubleDash");
  if (!/[a-z]/.test(value)) return rule("oneLetter");
  return null;
}

export function checkEnvVarName(value: string): Msg | null {
  if (value.length === 0) return rule("required");
  if (!ENV_VAR_NAME.test(value)) return rule("envName");
  return null;
}

export function checkPortNumber(value: number): Msg | null {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? null : rule("portNumber");
}

/** A port given as a number or as a container port name. */
export function checkPortRef(value: number | string): Msg | null {
  return typeof value === "number" ? checkPortNumber(value) : checkPortName(value);
}

// Image references: [registry[:port]/]path[:tag][@digest], from the distribution reference grammar.
const IMAGE_REF =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

export function checkImageRef(value: string): Msg | null {
  if (value.length === 0) return rule("required");
  if (value.length > 1024) return rule("maxChars", { max: 1024 });
  if (!IMAGE_REF.test(value)) return rule("imageRef");
  return null;
}
