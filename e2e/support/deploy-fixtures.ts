// Test data for deploy tests (integration and e2e): the seed guide's nginx StatefulSet as a
// template with an image parameter and a per-pod volume, and the Kubernetes objects it renders.
import fs from "node:fs";
import type { KubernetesObject } from "@kubernetes/client-node";
import { renderApp, resolveParameters } from "@/lib/manifests";

export const NGINX_IMAGE_1 = "registry.example.com/library/nginx:1.27";
export const NGINX_IMAGE_2 = "registry.example.com/library/nginx:1.28";

export function nginxTemplate(name = "nginx") {
  return {
    spec: {
      name,
      replicas: 2,
      labels: { team: "web" },
      containers: [
        {
          name: "nginx",
          image: { $param: "image" },
          ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
          resources: { requests: { cpu: "100m", memory: "64Mi" } },
          volumeMounts: [{ name: "www", mountPath: "/usr/share/nginx/html" }],
        },
      ],
      service: { name: `${name}-svc`, type: "ClusterIP", ports: [{ name: "http", port: 80, targetPort: "http" }] },
      ingress: { name: `${name}-ingress`, rules: [{ host: "foo.bar.com", paths: [{ path: "/", serviceName: `${name}-svc`, servicePort: 80 }] }] },
      volumeClaimTemplates: [{ name: "www", size: "1Gi" }],
    },
    parameters: [{ name: "image", type: "image" as const, label: "Image", required: true, default: NGINX_IMAGE_1, lockedByAdmin: false }],
  };
}

/** The rendered objects of the nginx template with an image (and `spec` merged over its spec). */
export function nginxObjects(image = NGINX_IMAGE_1, name = "nginx", spec: Record<string, unknown> = {}): KubernetesObject[] {
  const t = nginxTemplate(name);
  const r = resolveParameters({ ...t, spec: { ...t.spec, ...spec } }, { image });
  if (!r.ok) throw new Error(`nginx template does not resolve: ${JSON.stringify(r.errors)}`);
  return renderApp(r.spec);
}

export function readKubeconfig(file: string): string {
  return fs.readFileSync(file, "utf8");
}
