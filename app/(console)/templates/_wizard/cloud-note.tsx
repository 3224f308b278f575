import { useTranslations } from "next-intl";
import type { CloudFeature } from "@/lib/manifests/cloud-features";

// Where an Alibaba Cloud feature appears in the wizard: what it needs, and what happens on a
// cluster registered with the Generic profile (the plan says so again, per object).
export function CloudOnlyNote({ feature }: { feature: CloudFeature }) {
  const t = useTranslations("wizard.cloudNote");
  return (
    <p className="rounded-md bg-sky-50 px-2 py-1 text-xs text-sky-900" data-testid={`cloud-note-${feature}`}>
      {t(feature)}
    </p>
  );
}
