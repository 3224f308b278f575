// The audit trail's vocabulary: one name per mutation. Add new ones here so filters list them.
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_out",
  "auth.sign_up",
  "authz.denied",
  "team.create",
  "team.switch",
  "member.role_change",
  "member.remove",
  "invitation.create",
  "invitation.revoke",
  "invitation.accept",
  "template.create",
  "template.version",
  "template.restore",
  "template.duplicate",
  "template.archive",
  "template.unarchive",
  "template.share",
  "template.import",
  "cluster.register",
  "cluster.remove",
  "credential.set",
  "credential.remove",
  "credential.test",
  "deploy.plan",
  "deploy.start",
  "deploy.abandon",
  "deploy.apply",
  "deploy.redeploy",
  "deploy.undeploy",
  "app.scale",
  "app.restart",
  "app.pod_delete",
  "app.claim_delete",
  "audit.verify",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Actions every member of a team may see, whoever did them. */
export const TEAM_VISIBLE_ACTIONS: readonly AuditAction[] = ["deploy.start", "deploy.abandon", "deploy.apply", "deploy.redeploy", "deploy.undeploy", "app.scale", "app.restart", "app.pod_delete", "app.claim_delete"];
