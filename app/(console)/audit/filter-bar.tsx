import Link from "next/link";
import { Field, FieldError } from "@/app/_components/form";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { toUtcInputValue, type ParsedFilter } from "@/lib/audit/review-filter";

// A plain GET form: the filter lives in the URL, so a filtered view can be bookmarked and shared.
export function FilterBar({ parsed, actors }: { parsed: ParsedFilter; actors: string[] }) {
  const { filter } = parsed;
  const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, [v]]));
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit trail" className="card grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-4">
      <div>
        <label htmlFor="f-actor" className="label">
          Actor (email)
        </label>
        <input id="f-actor" name="actor" type="text" list="audit-actors" defaultValue={filter.actor ?? ""} className="input" autoComplete="off" />
        <datalist id="audit-actors">
          {actors.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <Select name="action" label="Action" value={filter.action} options={AUDIT_ACTIONS} error={parsed.errors.action} />
      <Field name="targetType" label="Target type" defaultValue={filter.targetType} placeholder="template, deployment…" errors={errors} />
      <Field name="target" label="Target (id or part of name)" defaultValue={filter.target} errors={errors} />
      <Field name="cluster" label="Cluster (name or id)" defaultValue={filter.cluster} errors={errors} />
      <Field name="namespace" label="Namespace" defaultValue={filter.namespace} errors={errors} />
      <Select name="result" label="Result" value={filter.result} options={["success", "failure"]} error={parsed.errors.result} />
      <Field name="from" label="From (UTC)" type="datetime-local" defaultValue={toUtcInputValue(filter.from)} errors={errors} />
      <Field name="to" label="Until (UTC)" type="datetime-local" defaultValue={toUtcInputValue(filter.to)} errors={errors} />
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-3">
        <button type="submit" className="btn-primary">
          Apply filters
        </button>
        <Link href="/audit" className="btn-secondary">
          Clear
        </Link>
      </div>
    </form>
  );
}

function Select({ name, label, value, options, error }: { name: string; label: string; value?: string; options: readonly string[]; error?: string }) {
  const id = `f-${name}`;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className="input" aria-invalid={error ? true : undefined}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
