import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatImportIssue, importYaml, readTemplateFile, renderYaml, resolveParameters, templateFileText, type ParameterDefinition } from "@/lib/manifests";
import { runCli } from "./testing/run-cli";

// Each test starts the real CLI (tsx compiles it per process): allow for a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

// The offline commands, run as the real `berth` process: exit codes, and the console's own
// messages (importer, template checks, renderer) with the line and column of each finding.
const FIXTURE = path.resolve(__dirname, "../lib/manifests/testdata/import/k8s-docs-web.yaml");
let dir: string;
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

const BAD_STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 99999
          name: http
        resources:
          requests: {cpu: "2"}
          limits: {cpu: "1"}
`;

/** A template file made from the fixture, with an image tag and a bounded replicas parameter. */
function templateText(replicasDefault = 3): string {
  const imported = importYaml(fs.readFileSync(FIXTURE, "utf8"));
  if (!imported.ok) throw new Error("fixture does not import");
  const spec = { ...imported.spec, replicas: { $param: "replicas" }, containers: imported.spec.containers.map((c) => ({ ...c, image: "registry.k8s.io/nginx-slim:{{ params.imageTag }}" })) };
  return templateFileText({ name: "web-template", description: "", labels: [] }, spec, [
    { name: "imageTag", type: "string", default: "0.24" },
    { name: "replicas", type: "integer", default: replicasDefault, min: 1, max: 5 },
  ]);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-cli-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("berth validate", () => {
  it("accepts an app's Kubernetes YAML (exit 0) and prints the importer's notes as warnings", async () => {
    const r = await runCli(["validate", "-f", FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${FIXTURE}: valid Kubernetes YAML "web"\n`);
  });

  it("refuses rule violations (exit 1) with the console's messages at their line and column", async () => {
    const p = file("bad.yaml", BAD_STATEFULSET);
    const r = await runCli(["validate", "-f", p]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual([
      `${p}: error: line 17, column 11: containers.0.ports.0.containerPort: Container port must be a port number between 1 and 65535`,
      `${p}: error: line 20, column 22: containers.0.resources.requests.cpu: request (2) must not exceed the limit (1)`,
      `${p}: 2 errors — not a valid Kubernetes YAML`,
    ]);
    // The same words the wizard's YAML pane shows for this text.
    const ui = importYaml(BAD_STATEFULSET);
    if (!ui.ok) throw new Error("expected an import with warnings");
    for (const w of ui.warnings.filter((w) => w.path?.startsWith("containers.0."))) expect(r.stderr).toContain(`error: ${formatImportIssue(w)}`);
  });

  it("names the line of a YAML syntax error", async () => {
    const r = await runCli(["validate", "-f", "-"], { stdin: "kind: StatefulSet\nmetadata:\n  name: [x\n" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>: error: line \d+, column \d+: a \[ opened before this point is not closed/);
  });

  it("checks a BerthTemplate file as a save does: a default outside the parameter's bounds, at its line", async () => {
    const good = await runCli(["validate", "-f", file("ok.berth.yaml", templateText())]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('valid Berth template "web-template"');
    const text = templateText(9);
    const bad = await runCli(["validate", "-f", file("bad.berth.yaml", text), "-o", "json"]);
    expect(bad.code).toBe(1);
    const line = text.split("\n").findIndex((l) => l.includes("default: 9")) + 1;
    expect(JSON.parse(bad.stdout)).toMatchObject({
      kind: "template", valid: false,
      errors: [{ path: "parameters.1.default", message: 'default: parameter "replicas" must be an integer between 1 and 5', line, column: 5 }],
    });
  });

  it("refuses a template file without a spec", async () => {
    const r = await runCli(["validate", "-f", file("nospec.yaml", "apiVersion: berth.dev/v1\nkind: BerthTemplate\nmetadata:\n  name: x\n")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("spec: is required: the template file has no spec");
  });
});

describe("berth render -f", () => {
  it("renders a template file with --set values exactly as the console's renderer does", async () => {
    const text = templateText();
    const r = await runCli(["render", "-f", file("render.berth.yaml", text), "--set", "imageTag=1.2.3", "--set", "replicas=2"]);
    expect(r.code).toBe(0);
    const read = readTemplateFile(text);
    if (!read?.ok) throw new Error("template file not read");
    const resolved = resolveParameters({ spec: read.file.spec, parameters: read.file.parameters as ParameterDefinition[] }, { imageTag: "1.2.3", replicas: "2" });
    if (!resolved.ok) throw new Error("does not resolve");
    expect(r.stdout).toBe(renderYaml(resolved.spec));
    expect(r.stdout).toContain("image: registry.k8s.io/nginx-slim:1.2.3");
    expect(r.stdout.split("\n---\n").length).toBeGreaterThan(1);
  });

  it("refuses a bad or unknown --set value naming it (exit 1), and --set on plain YAML (exit 2)", async () => {
    const p = file("render2.berth.yaml", templateText());
    const bad = await runCli(["render", "-f", p, "--set", "replicas=7", "--set", "nope=1"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--set replicas: parameter "replicas" must be an integer between 1 and 5');
    expect(bad.stderr).toContain('--set nope: "nope" is not a parameter of this template');
    const plain = await runCli(["render", "-f", FIXTURE, "--set", "a=b"]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("--set needs a Berth template file");
  });

  it("prints the objects as JSON with -o json", async () => {
    const r = await runCli(["render", "-f", FIXTURE, "-o", "json"]);
    expect(r.code).toBe(0);
    const objects = JSON.parse(r.stdout) as Array<{ kind: string }>;
    expect(objects.map((o) => o.kind)).toContain("StatefulSet");
  });
});

describe("berth import", () => {
  it("writes a template file that reads back to the importer's spec, and validates", async () => {
    const r = await runCli(["import", "-f", FIXTURE, "--name", "from-cli"]);
    expect(r.code).toBe(0);
    const read = readTemplateFile(r.stdout);
    if (!read?.ok) throw new Error("output is not a template file");
    const imported = importYaml(fs.readFileSync(FIXTURE, "utf8"));
    if (!imported.ok) throw new Error("fixture does not import");
    expect(read.file.name).toBe("from-cli");
    expect(read.file.spec).toEqual(JSON.parse(JSON.stringify(imported.spec)));
    const again = await runCli(["validate", "-f", "-"], { stdin: r.stdout });
    expect(again.code).toBe(0);
  });

  it("fails on YAML the importer refuses, naming the line", async () => {
    const r = await runCli(["import", "-f", "-"], { stdin: "apiVersion: v1\nkind: Service\nmetadata:\n  name: only-a-service\n" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^berth import: .*StatefulSet/);
  });
});

describe("usage", () => {
  it("exits 2 with the reason on stderr for unknown commands, options, and missing files", async () => {
    const cases = [["nope"], ["validate"], ["validate", "-f", path.join(os.tmpdir(), "does-not-exist.yaml")], ["validate", "--bogus"], ["render", "-f", FIXTURE, "-o", "xml"]];
    const runs = await Promise.all(cases.map((args) => runCli(args)));
    for (const [i, r] of runs.entries()) {
      const args = cases[i];
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).not.toBe("");
      expect(r.stdout).toBe("");
    }
  });
});
