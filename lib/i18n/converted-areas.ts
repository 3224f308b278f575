// The app/ files and folders already converted to the message catalogues. The hard-coded-string
// check (hardcoded-strings.test.ts) covers these; each area is added here when it is converted,
// until the whole app/ tree is listed.
export const CONVERTED_AREAS: readonly string[] = [
  // layout and navigation
  "app/layout.tsx",
  "app/(console)/layout.tsx",
  "app/(console)/console-nav.tsx",
  "app/(console)/team-switcher.tsx",
  "app/(console)/language-menu.tsx",
  // signing in, signing up, invitations, password resets
  "app/(auth)",
  // API tokens and the API reference
  "app/(console)/account",
  "app/(console)/team",
  "app/(console)/audit",
  "app/(console)/api-reference",
  "app/_components/revoke-cell.tsx",
  // the application wizard (all three steps and the save step)
  "app/(console)/templates/_wizard",
  "app/(console)/templates/new",
  "app/(console)/templates/[id]/edit",
  // deploy requests and approvals (issue 16)
  "app/(console)/approvals",
  "app/_components/request-status.tsx",
  "app/_components/cluster-result.tsx",
  // the template library: list, template page (versions, compare, restore, duplicate, archive,
  // visibility, export), deployment state, import — the whole folder with the wizard above
  "app/(console)/templates",
  // shared pieces
  "app/_components/filter-fields.tsx",
  "app/_components/cluster-pick-lists.tsx",
  "app/_components/sso-button.tsx",
  "app/_components/sso-errors.ts",
  "app/_components/unsaved-changes.ts",
  "app/error.tsx",
  "app/page.tsx",
  "app/_components/form.tsx",
  "app/_components/back-to-sign-in.tsx",
  "app/_components/empty-state.tsx",
  "app/(console)/webhooks",
  // deploying: the history, the new-deployment form and its plan, a record (outcome, results,
  // rollout, redeploy, undeploy), the status badge
  "app/(console)/deployments",
  "app/_components/deployment-status.tsx",
  // applications: the list, adopt, the app page (live tree, drift, history, leftover claims, logs, actions)
  "app/(console)/applications",
  // clusters: the page, register and credential forms, cluster card, capabilities, connection report (and the protection panel)
  "app/(console)/clusters",
];
