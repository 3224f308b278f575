/**
 * Kubernetes name and key syntax, ported from apimachinery's validation package
 * (k8s.io/apimachinery/pkg/util/validation). Each check returns a human message
 * or null, so callers can attach the message to one form field.
 */

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

export type NameCheck = (value: string) => string | null;

export function checkDns1123Label(value: string, max: number = LIMITS.dnsLabel): string | null {
  if (value.length === 0) return "is required";
  if (value.length > max) return `must be at most ${max} characters (has ${value.length})`;
  if (!DNS1123_LABEL.test(value))
    return "must consist of lowercase letters, digits and '-', and start and end with a letter or digit";
  return null;
}

export function checkDns1035Label(value: string, max: number = LIMITS.dnsLabel): string | null {
  if (value.length === 0) return "is required";
  if (value.length > max) return `must be at most ${max} characters (has ${value.length})`;
  if (!DNS1035_LABEL.test(value))
    return "must consist of lowercase letters, digits and '-', start with a letter and end with a letter or digit";
  return null;
}

export function checkDns1123Subdomain(value: string): string | null {
  if (value.length === 0) return "is required";
  if (value.length > LIMITS.dnsSubdomain) return `must be at most ${LIMITS.dnsSubdomain} characters`;
  if (!DNS1123_SUBDOMAIN.test(value))
    return "must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
  return null;
}

/** Ingress hosts: a DNS subdomain, optionally with a leading "*." wildcard label. */
export function checkHost(value: string): string | null {
  if (value.startsWith("*.")) {
    return value.length <= LIMITS.dnsSubdomain && WILDCARD_HOST.test(value)
      ? null
      : "must be a DNS name such as foo.example.com or *.example.com";
  }
  if (checkDns1123Subdomain(value) !== null) return "must be a DNS name such as foo.example.com or *.example.com";
  return null;
}

/** Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63. */
export function checkQualifiedName(key: string): string | null {
  const parts = key.split("/");
  if (parts.length > 2) return "may contain at most one '/'";
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) return "has an empty prefix before '/'";
    if (checkDns1123Subdomain(prefix) !== null) return `prefix "${prefix}" must be a lowercase DNS subdomain`;
  }
  if (name.length === 0) return "name part is required";
  if (name.length > LIMITS.dnsLabel) return `name part must be at most ${LIMITS.dnsLabel} characters`;
  if (!QUALIFIED_NAME_PART.test(name))
    return "name part must be letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
  return null;
}

export function checkLabelValue(value: string): string | null {
  if (value.length > LIMITS.labelValue) return `must be at most ${LIMITS.labelValue} characters`;
  if (!LABEL_VALUE.test(value))
    return "must be empty or letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
  return null;
}

/** Port names (IANA_SVC_NAME): ≤ 15 chars, lowercase, at least one letter, no "--". */
export function checkPortName(value: string): string | null {
  if (value.length === 0) return "is required";
  if (value.length > LIMITS.portName) return `must be at most ${LIMITS.portName} characters`;
  if (!IANA_SVC_NAME.test(value)) return "must be lowercase letters, digits and '-', starting and ending with a letter or digit";
  if (value.includes("--")) return "must not contain '--'";
  if (!/[a-z]/.test(value)) return "must contain at least one letter";
  return null;
}

export function checkEnvVarName(value: string): string | null {
  if (value.length === 0) return "is required";
  if (!ENV_VAR_NAME.test(value)) return "must be letters, digits, '_', '-' or '.', and must not start with a digit";
  return null;
}

export function checkPortNumber(value: number): string | null {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? null : "must be a port number between 1 and 65535";
}

/** A port given as a number or as a container port name. */
export function checkPortRef(value: number | string): string | null {
  return typeof value === "number" ? checkPortNumber(value) : checkPortName(value);
}

// Image references: [registry[:port]/]path[:tag][@digest], from the distribution reference grammar.
const IMAGE_REF =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

export function checkImageRef(value: string): string | null {
  if (value.length === 0) return "is required";
  if (value.length > 1024) return "must be at most 1024 characters";
  if (!IMAGE_REF.test(value)) return "must be an image reference such as nginx:1.27 or registry.example.com/team/app:v1";
  return null;
}
