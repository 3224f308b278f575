import Link from "next/link";
import type { AuditEventRow } from "@/lib/server/audit-query";
import { place, target, utc } from "./format";

export function EventsTable({ events }: { events: AuditEventRow[] }) {
  return (
    <div className="card overflow-x-auto">
      <table className="data-table" data-testid="audit-events">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Target</th>
            <th>Cluster / namespace</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-event-id={e.id}>
              <td className="whitespace-nowrap">
                <Link href={`/audit/${e.id}`} className="text-brand-700 hover:underline" aria-label={`Event ${e.id}, ${e.action} at ${utc(e.createdAt)}`}>
                  {utc(e.createdAt).replace(" UTC", "")}
                </Link>
              </td>
              <td className="break-words">{e.actorEmail || <span className="text-slate-400">system</span>}</td>
              <td className="font-mono text-xs">{e.action}</td>
              <td className="break-words">{target(e)}</td>
              <td>{place(e)}</td>
              <td>
                <span className={`badge ${e.result === "success" ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>{e.result}</span>
                {e.reason ? <p className="mt-1 max-w-xs text-xs text-slate-600">{e.reason}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Keyset links: "Newer" and "Next page" (older) keep the filter and carry the edge cursor. */
export function Pager({ query, newer, older }: { query: URLSearchParams; newer?: string; older?: string }) {
  const href = (key: "before" | "after", cursor: string) => {
    const q = new URLSearchParams(query);
    q.set(key, cursor);
    return `/audit?${q.toString()}`;
  };
  if (!newer && !older) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex justify-between">
      {newer ? (
        <Link href={href("after", newer)} className="btn-secondary">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      {older ? (
        <Link href={href("before", older)} className="btn-secondary">
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
