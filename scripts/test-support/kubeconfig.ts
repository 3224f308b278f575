// A one-context token kubeconfig for tests that point Berth at a server of their own.
export function tokenKubeconfig(o: { server: string; caPem: string; userLines: string[]; context?: string }): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: c",
    "  cluster:",
    `    server: ${o.server}`,
    `    certificate-authority-data: ${Buffer.from(o.caPem).toString("base64")}`,
    "users:",
    "- name: u",
    "  user:",
    ...o.userLines,
    "contexts:",
    "- name: ctx",
    `  context: ${o.context ?? "{cluster: c, user: u}"}`,
    "current-context: ctx",
  ].join("\n");
}
