"use client";
import { useTransition } from "react";

/**
 * A select that calls a server action as soon as the choice changes, with `{ [name]: value }` as
 * its form data (the console's team and language menus); the action's revalidation re-renders the
 * page. The label and the options are rendered on the server; this is the only part that runs in
 * the browser. Not a <form action>: React resets such a form after its action, which puts a select
 * back on the option the page was first loaded with. While the action runs the select stays
 * focusable (aria-disabled, further changes ignored): a disabled one would drop the keyboard focus.
 */
export function ActionSelect({ action, name, disabled, ...props }: Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "onChange" | "name"> & { action: (formData: FormData) => Promise<void>; name: string; value: string }) {
  const [pending, start] = useTransition();
  return (
    <select
      {...props}
      name={name}
      disabled={disabled}
      aria-disabled={pending || undefined}
      onChange={(e) => {
        if (pending) return; // the controlled value puts the select back
        const data = new FormData();
        data.set(name, e.target.value);
        start(() => action(data));
      }}
    />
  );
}
