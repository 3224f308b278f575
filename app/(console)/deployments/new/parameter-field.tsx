import { useTranslations } from "next-intl";
import { FieldError } from "@/app/_components/form";
import type { ParameterDefinition } from "@/lib/manifests";

// One typed template parameter as a form field named `values.<name>`.
export function ParameterField({ def, error }: { def: ParameterDefinition; error?: string }) {
  const t = useTranslations("deploy");
  const id = `param-${def.name}`;
  const name = `values.${def.name}`;
  const value = def.default === undefined ? "" : String(def.default);
  const common = { id, name, defaultValue: value, "aria-invalid": error ? true : undefined, "aria-describedby": `${id}-hint`, disabled: def.lockedByAdmin, className: "input" } as const;
  let input;
  if (def.type === "enum") {
    input = (
      <select {...common}>
        {(def.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (def.type === "boolean") {
    input = (
      <select {...common}>
        {/* i18n-exempt: boolean values are YAML literals */}
        <option value="true">{"true"}</option>
        <option value="false">{"false"}</option>
      </select>
    );
  } else if (def.type === "integer") {
    input = <input {...common} type="number" step={1} min={typeof def.min === "number" ? def.min : undefined} max={typeof def.max === "number" ? def.max : undefined} />;
  } else {
    input = <input {...common} type="text" required={def.required} spellCheck={false} />;
  }
  return (
    <div>
      <label htmlFor={id} className="label">
        {def.label || def.name} <span className="text-xs font-normal text-slate-500">{t("paramKind", { type: def.type, required: def.required ? "yes" : "no" })}</span>
      </label>
      {input}
      {def.lockedByAdmin ? <input type="hidden" name={name} value={value} /> : null}
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {def.lockedByAdmin ? `${t("locked")} ` : ""}
        {def.description ?? ""}
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
