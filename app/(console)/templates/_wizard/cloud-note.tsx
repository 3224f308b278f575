import type { CloudFeature } from "@/lib/manifests";

// Where an Alibaba Cloud feature appears in the wizard: what it needs, and what happens on a
// cluster registered with the Generic profile (the plan says so again, per object).
const NOTE: Record<CloudFeature, string> = {
  scheduledScaling:
    "Alibaba Cloud profile feature: it needs the cron-HPA controller, which Alibaba Cloud clusters have. On a cluster without its CronHorizontalPodAutoscaler CRD the plan refuses the deploy: install the controller there, or turn this off.",
  logCollection:
    "Alibaba Cloud profile feature: Alibaba Cloud’s log agent reads these settings. On a Generic cluster the variables are set but nothing collects the logs; the plan warns.",
  instanceProfile:
    "Alibaba Cloud profile feature: Alibaba Cloud’s scheduler reads these labels. On a Generic cluster they are plain labels; the plan warns.",
};

export function CloudOnlyNote({ feature }: { feature: CloudFeature }) {
  return (
    <p className="rounded-md bg-sky-50 px-2 py-1 text-xs text-sky-900" data-testid={`cloud-note-${feature}`}>
      {NOTE[feature]}
    </p>
  );
}
