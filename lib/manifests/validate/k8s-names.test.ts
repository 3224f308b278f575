import { describe, expect, test } from "vitest";
import {
  checkDns1035Label, checkDns1123Label, checkDns1123Subdomain, checkEnvVarName, checkHost, checkImageRef,
  checkLabelValue, checkPortName, checkQualifiedName,
} from "./k8s-names";

const ok = (check: (v: string) => unknown, values: string[]) => values.forEach((v) => expect(check(v), v).toBeNull());
const bad = (check: (v: string) => unknown, values: string[]) => values.forEach((v) => expect(check(v), v).not.toBeNull());

describe("Kubernetes name syntax", () => {
  test("DNS-1123 labels", () => {
    ok(checkDns1123Label, ["a", "web-0", "0web", "a".repeat(63)]);
    bad(checkDns1123Label, ["", "Web", "web-", "-web", "we_b", "a.b", "a".repeat(64)]);
  });
  test("DNS-1035 labels start with a letter", () => {
    ok(checkDns1035Label, ["web", "w0"]);
    bad(checkDns1035Label, ["0web", "web-"]);
  });
  test("DNS-1123 subdomains", () => {
    ok(checkDns1123Subdomain, ["a.b.c", "my-config", "a".repeat(253)]);
    bad(checkDns1123Subdomain, ["a..b", ".a", "A.b", "a".repeat(254)]);
  });
  test("qualified names (label and annotation keys)", () => {
    ok(checkQualifiedName, ["app", "app.kubernetes.io/name", "example.com/My_Key.1", "a".repeat(63)]);
    bad(checkQualifiedName, ["", "/a", "a/", "a/b/c", "-a", "a-", "Example.com/a", "a".repeat(64), "a b"]);
  });
  test("label values", () => {
    ok(checkLabelValue, ["", "v1", "a.b-c_d", "x".repeat(63)]);
    bad(checkLabelValue, ["-a", "a b", "x".repeat(64), "a/b"]);
  });
  test("port names (IANA_SVC_NAME)", () => {
    ok(checkPortName, ["http", "h2c", "grpc-web", "a".repeat(15)]);
    bad(checkPortName, ["", "HTTP", "8080", "a--b", "-http", "a".repeat(16)]);
  });
  test("env var names", () => {
    ok(checkEnvVarName, ["A", "_a", "my.var-1", "aliyun_logs_my-store"]);
    bad(checkEnvVarName, ["", "1A", "A B", "A=B"]);
  });
  test("image references", () => {
    ok(checkImageRef, ["nginx", "nginx:1.27", "library/nginx:latest", "registry.example.com:5000/team/app:v1.2.3", `app@sha256:${"a".repeat(64)}`]);
    bad(checkImageRef, ["", "Nginx", "nginx:", "nginx:1 2", "http://nginx", "nginx::1"]);
  });
  test("ingress hosts allow a leading wildcard", () => {
    ok(checkHost, ["foo.bar.com", "*.bar.com"]);
    bad(checkHost, ["*", "foo.*.com", "Foo.com", "foo..com"]);
  });
});
