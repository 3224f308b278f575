import Link from "next/link";
import { useTranslations } from "next-intl";
import { Field, FieldError } from "@/app/_components/form";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { toUtcInputValue, type ParsedFilter } from "@/lib/audit/review-filter";
import { useFormatMsg } from "@/app/_components/use-format-msg";

// A plain GET form: the filter lives in the URL, so a filtered view can be bookmarked and shared.
// Action names stay English (they are identifiers); the parser's refusals are catalogue messages.
export function FilterBar({ parsed, actors }: { parsed: ParsedFilter; actors: string[] }) {
  const t = useTranslations("audit");
  const format = useFormatMsg();
  const { filter } = parsed;
  const message = (key: keyof ParsedFilter["errors"]) => {
    const m = parsed.errors[key];
    return m ? format(m) : undefined;
  };
  const errors = Object.fromEntries(Object.keys(parsed.errors).map((k) => [k, [message(k as keyof ParsedFilter["errors"]) ?? ""]]));
  const results: [string, string][] = [
    ["success", t("results.success")],
    ["failure", t("results.failure")],
  ];
  return (
    <form method="get" action="/audit" role="search" aria-label={t("filter.label")} className="card grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-4">
      <div>
        <label htmlFor="f-actor" className="label">
          {t("filter.actor")}
        </label>
        <input id="f-actor" name="actor" type="text" list="audit-actors" defaultValue={filter.actor ?? ""} className="input" autoComplete="off" />
        <datalist id="audit-actors">
          {actors.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <Select name="action" label={t("filter.action")} any={t("filter.any")} value={filter.action} options={AUDIT_ACTIONS.map((a) => [a, a])} error={message("action")} />
      <Field name="targetType" label={t("filter.targetType")} defaultValue={filter.targetType} placeholder={t("filter.targetTypePlaceholder")} errors={errors} />
      <Field name="target" label={t("filter.target")} defaultValue={filter.target} errors={errors} />
      <Field name="cluster" label={t("filter.cluster")} defaultValue={filter.cluster} errors={errors} />
      <Field name="namespace" label={t("filter.namespace")} defaultValue={filter.namespace} errors={errors} />
      <Select name="result" label={t("filter.result")} any={t("filter.any")} value={filter.result} options={results} error={message("result")} />
      <Field name="from" label={t("filter.from")} type="datetime-local" defaultValue={toUtcInputValue(filter.from)} errors={errors} />
      <Field name="to" label={t("filter.to")} type="datetime-local" defaultValue={toUtcInputValue(filter.to)} errors={errors} />
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-3">
        <button type="submit" className="btn-primary">
          {t("filter.apply")}
        </button>
        <Link href="/audit" className="btn-secondary">
          {t("filter.clear")}
        </Link>
      </div>
    </form>
  );
}

function Select({ name, label, any, value, options, error }: { name: string; label: string; any: string; value?: string; options: readonly (readonly [string, string])[]; error?: string }) {
  const id = `f-${name}`;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className="input" aria-invalid={error ? true : undefined}>
        <option value="">{any}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
