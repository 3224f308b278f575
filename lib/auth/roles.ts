// Team roles and what each may do. Pure: used by the data layer to decide and by pages to hide
// what a role cannot do (hiding is a courtesy; the data layer is what enforces).
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;
const MANAGERS: readonly Role[] = ["owner", "admin"];
const WRITERS: readonly Role[] = ["owner", "admin", "member"];

export const PERMISSIONS = {
  "team.read": ALL,
  "team.manage": MANAGERS, // invite, revoke, change roles, remove members
  "template.write": WRITERS,
  "template.manage": MANAGERS, // act on other people's team templates (archive, lock parameters)
  "cluster.register": WRITERS,
  "cluster.manage": MANAGERS,
  "credential.write": WRITERS,
  "deploy.run": WRITERS,
  "webhook.manage": MANAGERS, // outgoing notifications (URL, events)
  "audit.read.team": MANAGERS, // the whole team's trail; others see their own + deploys
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleAllows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The less powerful of two roles (an API token's cap and its user's current role). */
export function lowerRole(a: Role, b: Role): Role {
  return ROLES[Math.max(ROLES.indexOf(a), ROLES.indexOf(b))];
}

/** Owners can grant any role; admins anything but owner. */
export function assignableRoles(by: Role): Role[] {
  if (by === "owner") return [...ROLES];
  if (by === "admin") return ["admin", "member", "viewer"];
  return [];
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};
