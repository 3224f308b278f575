"use client";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";

// Pod logs: pick a pod and container, last N lines, the previous container, follow (streamed
// from the route handler until stopped), download. Read with the viewer's own credential.
type PodChoice = { name: string; containers: string[] };
const MAX_SHOWN = 512 * 1024;

export function LogsPanel({ base, pods }: { base: string; pods: PodChoice[] }) {
  const t = useTranslations("applications.logs");
  const [pod, setPod] = useState(pods[0]?.name ?? "");
  const containers = pods.find((p) => p.name === pod)?.containers ?? [];
  const [container, setContainer] = useState(containers[0] ?? "");
  const [tail, setTail] = useState("200");
  const [previous, setPrevious] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const [following, setFollowing] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const chosenContainer = containers.includes(container) ? container : (containers[0] ?? "");
  const query = (follow: boolean, download = false) =>
    `${base}?${new URLSearchParams({ pod, container: chosenContainer, tail: String(Math.min(5000, Math.max(1, Number(tail) || 200))), ...(previous ? { previous: "1" } : {}), ...(follow ? { follow: "1" } : {}), ...(download ? { download: "1" } : {}) })}`;

  async function load(follow: boolean) {
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    setError("");
    setText("");
    setFollowing(follow);
    try {
      const res = await fetch(query(follow), { signal: ctrl.signal, cache: "no-store" });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        setError(body.error ?? t("failed", { status: res.status }));
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        setText((t) => (t + value).slice(-MAX_SHOWN));
      }
    } catch (e) {
      if ((e as Error).name !== "AbortError") setError(t("ended"));
    } finally {
      if (abort.current === ctrl) setFollowing(false);
    }
  }

  if (pods.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="label">{t("pod")}</span>
          <select className="input" value={pod} onChange={(e) => setPod(e.target.value)} aria-label={t("pod")}>
            {pods.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="label">{t("container")}</span>
          <select className="input" value={chosenContainer} onChange={(e) => setContainer(e.target.value)} aria-label={t("container")}>
            {containers.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label className="w-24 text-sm">
          <span className="label">{t("lastLines")}</span>
          <input className="input" type="number" min={1} max={5000} value={tail} onChange={(e) => setTail(e.target.value)} aria-label={t("lastLines")} />
        </label>
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} /> {t("previous")}</label>
        <button type="button" className="btn-secondary" onClick={() => load(false)}>{t("show")}</button>
        {following ? (
          <button type="button" className="btn-secondary" onClick={() => abort.current?.abort()}>{t("stop")}</button>
        ) : (
          <button type="button" className="btn-secondary" onClick={() => load(true)}>{t("follow")}</button>
        )}
        <a className="btn-secondary" href={query(false, true)} download>{t("download")}</a>
      </div>
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="logs-error">{error}</p> : null}
      <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100" data-testid="logs" aria-live={following ? "polite" : undefined}>{text || (following ? t("waiting") : "")}</pre>
    </div>
  );
}
