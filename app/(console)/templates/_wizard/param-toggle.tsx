"use client";
import { useTranslations } from "next-intl";
import type { ParameterType } from "@/lib/manifests/params/param-schema";
import { useWatch, useWizardForm } from "./form-hooks";
import type { Binding } from "./types";

// "Make this field a parameter": adds a typed parameter (default = the field's current value)
// and binds the field to it; the save panel lists and edits the parameters.
export function ParamToggle({ path, suggested, type, mode = "value", label }: {
  path: string; suggested: string; type: ParameterType; mode?: Binding["mode"]; label?: string;
}) {
  const t = useTranslations("wizard.param");
  const form = useWizardForm();
  const { setValue } = form;
  const bindings = useWatch<Binding[] | undefined>("bindings") ?? [];
  const specPath = path.replace(/^spec\./, "");
  const bound = bindings.find((b) => b.path === specPath);
  const what = label ?? (mode === "tag" ? t("tag") : t("value"));
  if (bound) {
    return (
      <span className="flex items-center gap-1 text-xs">
        <span className="badge bg-amber-100 font-mono text-amber-900" data-testid={`param-${specPath}`}>{`{{ ${bound.parameter} }}`}</span>
        <button type="button" className="text-xs text-slate-600 underline" aria-label={t("stop", { what })} onClick={() => {
          setValue("bindings", bindings.filter((b) => b !== bound));
        }}>
          {t("unmark")}
        </button>
      </span>
    );
  }
  // what the click does loads with the rest of the wizard (flow.ts) on the first touch
  const make = async () => (await import("./later")).flow.makeParameter(form, path, suggested, type, mode);
  return (
    <button type="button" className="text-xs text-brand-700 underline" onClick={() => void make()}>
      {t("make", { what })}
    </button>
  );
}
