// The YAML importer for the wizard's YAML mode, loaded on demand (import()) so that neither it nor
// the `yaml` parser is in the wizard's first load. Imported from its own modules, not the
// lib/manifests index, so the chunk holds the importer only.
export { importYaml } from "@/lib/manifests/import/import-yaml";
export { importIssueMsg } from "@/lib/manifests/import/format-issue";
