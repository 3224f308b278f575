import { LOG_ENV_PREFIX, logDirectory, logVolumeName } from "../naming";
import { asObj, asStr, type Obj } from "./read";

export interface ExtractedLogs {
  logs: Obj[];
  env: unknown[];
  mounts: unknown[];
  /** emptyDir volumes that belong to file-path log collection, to remove from the pod. */
  volumeNames: string[];
}

/**
 * Recognises the env rows and emptyDir mount that log collection renders
 * (`aliyun_logs_<store>`, `_tags`, mount `logs-<store>`) and turns them back into
 * log settings. Rows that do not match that exact shape stay ordinary env.
 */
export function extractLogs(env: unknown[], mounts: unknown[], podVolumes: unknown[]): ExtractedLogs {
  const byName = new Map(env.map((e) => [asStr(asObj(e).name), e]));
  const emptyDirs = new Set(podVolumes.filter((v) => isPlainEmptyDir(asObj(v))).map((v) => asStr(asObj(v).name)));
  const used = new Set<unknown>();
  const logs: Obj[] = [];
  const volumeNames: string[] = [];
  let remainingMounts = mounts;

  for (const e of env) {
    const { name, value, ...rest } = asObj(e);
    if (typeof name !== "string" || typeof value !== "string" || Object.keys(rest).length) continue;
    if (!name.startsWith(LOG_ENV_PREFIX) || name.endsWith("_tags")) continue;
    const store = name.slice(LOG_ENV_PREFIX.length);
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(store)) continue;
    if (value !== "stdout") {
      const volume = logVolumeName(store);
      const mount = remainingMounts.find((m) => asObj(m).name === volume && asObj(m).mountPath === logDirectory(value) && Object.keys(asObj(m)).length === 2);
      if (!value.startsWith("/") || !mount || !emptyDirs.has(volume)) continue;
      remainingMounts = remainingMounts.filter((m) => m !== mount);
      volumeNames.push(volume);
    }
    used.add(e);
    const tagsRow = byName.get(`${name}_tags`);
    const tagsText = asObj(tagsRow).value;
    const tags = typeof tagsText === "string" && Object.keys(asObj(tagsRow)).length === 2 ? parseTags(tagsText) : undefined;
    if (tags) used.add(tagsRow);
    logs.push({ store, path: value, tags: tags ?? {} });
  }
  return { logs, env: env.filter((e) => !used.has(e)), mounts: remainingMounts, volumeNames };
}

function isPlainEmptyDir(v: Obj): boolean {
  const { name: _name, emptyDir, ...rest } = v;
  return Object.keys(rest).length === 0 && emptyDir !== undefined && Object.keys(asObj(emptyDir)).length === 0;
}

/** "k=v,k2=v2" → { k: "v", k2: "v2" }; undefined when the text is not in that form. */
function parseTags(text: string): Record<string, string> | undefined {
  const tags: Record<string, string> = {};
  for (const pair of text.split(",")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) return undefined;
    tags[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return tags;
}
