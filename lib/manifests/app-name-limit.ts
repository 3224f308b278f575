/**
 * A StatefulSet name feeds the `controller-revision-hash` pod label
 * (`<name>-<10-char hash>`, ≤ 63), so 52 is the practical maximum.
 * (Its own module: the wizard's first load shows it without the rest of naming.ts.)
 */
export const MAX_APP_NAME = 52;
