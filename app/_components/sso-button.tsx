// A one-button form that starts single sign-on (server component: the action does the redirect).
export function SsoButton({ action, label, hidden = {} }: { action: (formData: FormData) => Promise<void>; label: string; hidden?: Record<string, string> }) {
  return (
    <form action={action}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="btn-secondary w-full">
        {label}
      </button>
    </form>
  );
}
