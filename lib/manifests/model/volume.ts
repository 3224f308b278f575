import * as z from "@/lib/zod";
import { Extra, JsonBag, LongString, ShortString, SIZE_LIMITS } from "./common";

const KeyToPath = z.object({ key: ShortString, path: LongString, mode: z.number().int().optional() });
const projection = {
  items: z.array(KeyToPath).max(SIZE_LIMITS.listItems).optional(),
  defaultMode: z.number().int().min(0).max(0o777).optional(),
  optional: z.boolean().optional(),
};

export const VolumeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("configMap"), name: ShortString, configMapName: ShortString, ...projection }),
  z.object({ type: z.literal("secret"), name: ShortString, secretName: ShortString, ...projection }),
  z.object({
    type: z.literal("emptyDir"),
    name: ShortString,
    medium: z.enum(["", "Memory"]).optional(),
    sizeLimit: ShortString.optional(),
  }),
  z.object({ type: z.literal("persistentVolumeClaim"), name: ShortString, claimName: ShortString, readOnly: z.boolean().optional() }),
  z.object({ type: z.literal("nfs"), name: ShortString, server: ShortString, path: LongString, readOnly: z.boolean().optional() }),
  /** Any other volume source (hostPath, csi, projected …), kept as written. */
  z.object({ type: z.literal("other"), name: ShortString, source: JsonBag }),
]);

export const ACCESS_MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"] as const;

/** Per-pod storage: every pod gets its own PVC `<claim>-<app>-<ordinal>`. */
export const ClaimTemplateSchema = z.object({
  name: ShortString,
  storageClassName: ShortString.optional(),
  size: ShortString,
  accessModes: z.array(z.enum(ACCESS_MODES)).min(1).max(4).default(["ReadWriteOnce"]),
  extra: Extra,
});

export type Volume = z.output<typeof VolumeSchema>;
export type VolumeType = Volume["type"];
export type ClaimTemplate = z.output<typeof ClaimTemplateSchema>;
