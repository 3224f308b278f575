/**
 * Berth's application model and manifest renderer — pure TypeScript
 * (no Next, no Prisma, no network). See README.md in this folder.
 */

// The model
export { AppSpecSchema, AppSpecObject, CloudProfileSchema, UpdateStrategySchema } from "./model/app-spec";
export type { AppSpec, AppSpecInput, CloudProfile, UpdateStrategy } from "./model/app-spec";
export { ContainerSchema, ContainerPortSchema, VolumeMountSchema, LogCollectionSchema } from "./model/container";
export type { Container, ContainerPort, VolumeMount, LogCollection } from "./model/container";
export { EnvVarSchema, EnvFromSchema, FIELD_REF_PATHS, RESOURCE_REF_NAMES } from "./model/env";
export type { EnvVar, EnvVarType, EnvFrom } from "./model/env";
export { ProbeSchema, LifecycleHandlerSchema } from "./model/probe";
export type { Probe, ProbeType, LifecycleHandler } from "./model/probe";
export { VolumeSchema, ClaimTemplateSchema, ACCESS_MODES } from "./model/volume";
export type { Volume, VolumeType, ClaimTemplate } from "./model/volume";
export { ServiceSchema, IngressSchema, CANARY_ANNOTATIONS } from "./model/network";
export type { Service, ServicePort, Ingress, IngressRule, Canary } from "./model/network";
export { AutoscalingSchema, ScheduledScalingSchema, CRON_HPA, managedReplicas } from "./model/scaling";
export type { Autoscaling, ScheduledScaling, CronJob } from "./model/scaling";
export { SIZE_LIMITS } from "./model/common";
export { defaultAppSpec, defaultContainer, defaultProbe, defaultLifecycleHandler, defaultEnvVar, defaultVolume, SEED_INITIAL_DELAY } from "./model/defaults";
export { headlessServiceName, selectorLabels, MAX_APP_NAME, LABEL_APP, LABEL_NAME, LABEL_INSTANCE, LABEL_MANAGED_BY } from "./naming";

// Cloud-only features (Alibaba Cloud profile) found in rendered objects
export { cloudFeaturesOf } from "./cloud-features";
export type { CloudFeature } from "./cloud-features";

// Plain-object guard shared with the server code that reads untrusted YAML
export { isObj } from "./plain-object";
export type { Obj } from "./plain-object";

// Validation
export { validateAppSpec } from "./validate/validate-app-spec";
export type { ValidationIssue, ValidationResult } from "./validate/validate-app-spec";
export { parseQuantity, isQuantity, compareQuantities } from "./validate/quantity";
export {
  checkDns1123Label, checkDns1035Label, checkDns1123Subdomain, checkQualifiedName, checkLabelValue,
  checkPortName, checkEnvVarName, checkImageRef, checkHost,
} from "./validate/k8s-names";
export { checkCron } from "./validate/rules-scaling";

// Template parameters
export { ParameterDefinitionSchema, TemplateSchema, PARAMETER_TYPES } from "./params/param-schema";
export type { ParameterDefinition, ParameterType, ParameterValue, Template } from "./params/param-schema";
export { resolveParameters, validateTemplate } from "./params/resolve-parameters";
export type { ParameterIssue, ResolveResult } from "./params/resolve-parameters";
export { findParameterReferences, PARAM_KEY } from "./params/references";
export type { ParameterReference } from "./params/references";
export { checkParameterValue } from "./params/check-value";
export { parameterValuesSchema } from "./params/resolve-values";

// Render
export { renderApp, renderYaml } from "./render/render-app";
export { emitYaml, emitYamlDocuments } from "./render/emit-yaml";

// Import
export { importYaml } from "./import/import-yaml";
export { formatImportIssue, importIssueMsg } from "./import/format-issue";
export type { ImportResult } from "./import/import-yaml";
export type { ImportError } from "./import/parse-documents";
export { IMPORT_LIMITS } from "./import/parse-documents";
export { readTemplateFile, templateContentIssues, templateFileText, TEMPLATE_FILE } from "./template-file";
export type { TemplateContentIssue, TemplateFile, TemplateFileRead } from "./template-file";
export { checkAppFile } from "./check-app-file";
export type { CheckedAppFile, FileIssue } from "./check-app-file";
export type { ImportWarning } from "./import/import-context";
export type { IgnoredObject } from "./import/classify-objects";

// Diff
export { diffObjects, diffBundles, diffSpecs, diffYamlText } from "./diff/diff-bundles";
export type { ObjectDiff, ObjectAction, BundleDiffOptions } from "./diff/diff-bundles";
export type { FieldChange, DiffOptions } from "./diff/diff-values";
export { yamlLinesFor, type YamlLines } from "./yaml-locate";
