"use client";
import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { FieldMessage } from "./fields";
import { useController } from "./form-hooks";
import { fieldId } from "./types";

// One key/value rows editor for every map and pair list of the app: labels, annotations, log
// tags (string maps) and HTTP headers (a list of {name, value}, repeats allowed).
type Pair = [string, string];

/**
 * A one-line text box that grows downwards instead of hiding what does not fit: a long key
 * (service.beta.kubernetes.io/alicloud-loadbalancer-bandwidth) wraps inside its own box and stays
 * beside its value. Line breaks are not part of a key or a value: Enter does nothing.
 */
function GrowingText({ id, value, placeholder, onChange }: { id: string; value: string; placeholder: string; onChange: (v: string) => void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.style.height = "auto";
      el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [value]);
  return (
    <textarea
      ref={ref}
      id={id}
      rows={1}
      className="input resize-none overflow-hidden font-mono [overflow-wrap:anywhere]"
      placeholder={placeholder}
      value={value}
      onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
      onChange={(e) => onChange(e.target.value.replace(/[\r\n]+/g, ""))}
    />
  );
}

function KeyValueRows({ path, label, rows, onRows, names }: {
  path: string; label: string; rows: Pair[]; onRows: (rows: Pair[]) => void; names?: boolean;
}) {
  const t = useTranslations("wizard.kv");
  const keyLabel = names ? t("name") : t("key");
  const valueLabel = t("value");
  const base = fieldId(path);
  const setRow = (i: number, row: Pair) => onRows(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset className="space-y-2" aria-describedby={`${base}-error`} data-path={path}>
      <legend className="label">{label}</legend>
      {rows.length === 0 ? <p className="text-xs text-slate-500">{t("none")}</p> : null}
      {rows.map(([k, v], i) => (
        <div key={i} className="grid grid-cols-[minmax(0,3fr)_minmax(0,2fr)_auto] items-start gap-2" data-kv-row>
          <label htmlFor={`${base}-${i}-key`} className="sr-only">{t("rowPart", { label, n: i + 1, part: keyLabel.toLowerCase() })}</label>
          <GrowingText id={`${base}-${i}-key`} placeholder={keyLabel} value={k} onChange={(key) => setRow(i, [key, v])} />
          <label htmlFor={`${base}-${i}-value`} className="sr-only">{t("rowPart", { label, n: i + 1, part: valueLabel.toLowerCase() })}</label>
          <GrowingText id={`${base}-${i}-value`} placeholder={valueLabel} value={v} onChange={(value) => setRow(i, [k, value])} />
          <button type="button" className="btn-danger px-2 py-1 text-xs" aria-label={t("removeRow", { label: label.toLowerCase(), n: i + 1 })} onClick={() => onRows(rows.filter((_, j) => j !== i))}>
            {t("remove")}
          </button>
        </div>
      ))}
      <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => onRows([...rows, ["", ""]])}>
        + {t("add", { label: label.toLowerCase().replace(/s$/, "") })}
      </button>
      <FieldMessage path={path} />
    </fieldset>
  );
}

/**
 * Rows are local while the user types (an empty or duplicate key is a normal moment of editing);
 * the form value is the map they make. An outside change (YAML import) resets the rows.
 */
function useRows<T>(value: T, toRows: (v: T) => Pair[], fromRows: (rows: Pair[]) => T, onChange: (v: T) => void) {
  const [rows, setRows] = useState<Pair[]>(() => toRows(value));
  const committed = useRef(JSON.stringify(value));
  useEffect(() => {
    const incoming = JSON.stringify(value);
    if (incoming !== committed.current) {
      committed.current = incoming;
      setRows(toRows(value));
    }
  }, [value, toRows]);
  return [rows, (next: Pair[]) => {
    setRows(next);
    const v = fromRows(next);
    committed.current = JSON.stringify(v);
    onChange(v);
  }] as const;
}

const mapToRows = (m: Record<string, string> | undefined): Pair[] => Object.entries(m ?? {});
const rowsToMap = (rows: Pair[]) => Object.fromEntries(rows.filter(([k]) => k !== "")) as Record<string, string>;
const listToRows = (l: { name: string; value: string }[] | undefined): Pair[] => (l ?? []).map((h) => [h.name, h.value]);
const rowsToList = (rows: Pair[]) => rows.map(([name, value]) => ({ name, value }));

export function MapField({ path, label }: { path: string; label: string }) {
  const field = useController<Record<string, string> | undefined>(path);
  const [rows, setRows] = useRows(field.value, mapToRows, rowsToMap, field.onChange);
  return <KeyValueRows path={path} label={label} rows={rows} onRows={setRows} />;
}

export function PairListField({ path, label }: { path: string; label: string }) {
  const field = useController<{ name: string; value: string }[] | undefined>(path);
  const [rows, setRows] = useRows(field.value, listToRows, rowsToList, field.onChange);
  return <KeyValueRows path={path} label={label} rows={rows} onRows={setRows} names />;
}
