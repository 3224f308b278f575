// Pure readers of plain (or client-typed) Kubernetes objects: tolerant of missing fields.
import { isObj, type Obj } from "@/lib/manifests";

export const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), o);
export const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
export const num = (v: unknown, d = 0): number => (typeof v === "number" && Number.isFinite(v) ? v : d);
export const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
/** Timestamps arrive as strings (raw JSON) or Dates (the client's typed models). */
export const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(str(v)) || 0);
export const iso = (v: unknown): string => (ms(v) ? new Date(ms(v)).toISOString() : "");
