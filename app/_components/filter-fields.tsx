import { useTranslations } from "next-intl";

// The text and select fields of a GET filter bar (deployments, applications).
export function FilterText({ name, label, value, placeholder, maxLength }: { name: string; label: string; value?: string; placeholder?: string; maxLength?: number }) {
  return (
    <div className="w-36">
      <label htmlFor={`h-${name}`} className="label">{label}</label>
      <input id={`h-${name}`} name={name} defaultValue={value ?? ""} placeholder={placeholder} maxLength={maxLength} className="input" />
    </div>
  );
}

export function FilterSelect({ name, label, value, options }: { name: string; label: string; value?: string; options: ReadonlyArray<readonly [string, string]> }) {
  const t = useTranslations("common");
  return (
    <div>
      <label htmlFor={`h-${name}`} className="label">{label}</label>
      <select id={`h-${name}`} name={name} defaultValue={value ?? ""} className="input">
        <option value="">{t("any")}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </div>
  );
}
