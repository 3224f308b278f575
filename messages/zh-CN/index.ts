// The zh-CN catalogue, one file per namespace (so parallel changes to different areas of the
// console do not collide in one file). Add a namespace here and in the other language's index.ts.
import meta from "./meta.json";
import language from "./language.json";
import errors from "./errors.json";
import serverErrors from "./serverErrors.json";
import nav from "./nav.json";
import wizard from "./wizard.json";
import apiTokens from "./apiTokens.json";
import account from "./account.json";
import audit from "./audit.json";
import auth from "./auth.json";
import email from "./email.json";
import team from "./team.json";
import apiReference from "./apiReference.json";
import validation from "./validation.json";
import common from "./common.json";
import manifests from "./manifests.json";
import params from "./params.json";
import importYaml from "./importYaml.json";
import clusters from "./clusters.json";
import deployments from "./deployments.json";
import approvals from "./approvals.json";
import protection from "./protection.json";
import breakGlass from "./breakGlass.json";
import clusterResult from "./clusterResult.json";
import webhooks from "./webhooks.json";
import applications from "./applications.json";
import deploy from "./deploy.json";
import plan from "./plan.json";
import planWarnings from "./planWarnings.json";
import template from "./template.json";
import templateState from "./templateState.json";
import templates from "./templates.json";
import templateImport from "./templateImport.json";

const zhCN = {
  meta,
  language,
  errors,
  serverErrors,
  nav,
  wizard,
  apiTokens,
  account,
  audit,
  auth,
  email,
  team,
  apiReference,
  validation,
  common,
  manifests,
  params,
  importYaml,
  clusters,
  deployments,
  approvals,
  protection,
  breakGlass,
  clusterResult,
  webhooks,
  applications,
  deploy,
  plan,
  planWarnings,
  template,
  templateState,
  templates,
  templateImport,
};

export default zhCN;
