"use client";
import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import type { ParameterType } from "@/lib/manifests/params/param-schema";
import type { Binding, WizardValues } from "./types";

// "Make this field a parameter": adds a typed parameter (default = the field's current value)
// and binds the field to it; the save panel lists and edits the parameters.
export function ParamToggle({ path, suggested, type, mode = "value", label }: {
  path: string; suggested: string; type: ParameterType; mode?: Binding["mode"]; label?: string;
}) {
  const t = useTranslations("wizard.param");
  const { getValues, setValue } = useFormContext<WizardValues>();
  const bindings = useWatch<WizardValues, "bindings">({ name: "bindings" }) ?? [];
  const specPath = path.replace(/^spec\./, "");
  const bound = bindings.find((b) => b.path === specPath);
  const what = label ?? (mode === "tag" ? t("tag") : t("value"));
  if (bound) {
    return (
      <span className="flex items-center gap-1 text-xs">
        <span className="badge bg-amber-100 font-mono text-amber-900" data-testid={`param-${specPath}`}>{`{{ ${bound.parameter} }}`}</span>
        <button type="button" className="text-xs text-slate-600 underline" aria-label={t("stop", { what })} onClick={() => {
          setValue("bindings", bindings.filter((b) => b !== bound), { shouldDirty: true });
        }}>
          {t("unmark")}
        </button>
      </span>
    );
  }
  const make = () => {
    const current = getValues(path as never) as unknown;
    const params = getValues("parameters");
    let name = suggested;
    for (let n = 2; params.some((p) => p.name === name); n++) name = `${suggested}${n}`;
    let fallback: string | number | boolean | undefined = typeof current === "string" || typeof current === "number" || typeof current === "boolean" ? current : undefined;
    if (mode === "tag" && typeof current === "string") fallback = imageTag(current);
    setValue("parameters", [...params, { name, type, required: true, default: fallback, lockedByAdmin: false, description: "" }], { shouldDirty: true });
    setValue("bindings", [...bindings, { path: specPath, parameter: name, mode }], { shouldDirty: true });
  };
  return (
    <button type="button" className="text-xs text-brand-700 underline" onClick={make}>
      {t("make", { what })}
    </button>
  );
}

export function imageTag(image: string): string {
  const noDigest = image.split("@")[0];
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  return colon > slash ? noDigest.slice(colon + 1) : "latest";
}
