"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { FieldMessage } from "./fields";
import { useController } from "./form-hooks";
import { fieldId } from "./types";

/** A list of strings (command, args, pull secrets, TLS hosts), one per line. */
export function ListField({ path, label, hint, rows = 2 }: { path: string; label: string; hint?: string; rows?: number }) {
  const t = useTranslations("wizard.kv");
  const field = useController<string[] | undefined>(path);
  const list = field.value ?? [];
  const [text, setText] = useState(list.join("\n"));
  const committed = useRef(JSON.stringify(list));
  useEffect(() => {
    const incoming = JSON.stringify(field.value ?? []);
    if (incoming !== committed.current) {
      committed.current = incoming;
      setText((field.value ?? []).join("\n"));
    }
  }, [field.value]);
  const id = fieldId(path);
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <textarea
        id={id}
        data-path={path}
        rows={rows}
        className="input font-mono"
        value={text}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setText(e.target.value);
          const next = e.target.value.split("\n").filter((l) => l.trim() !== "");
          committed.current = JSON.stringify(next);
          field.onChange(next);
        }}
      />
      <FieldMessage path={path} hint={hint ?? t("onePerLine")} />
    </div>
  );
}
