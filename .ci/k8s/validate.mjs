// Renders every kustomization of k8s/ with `kubectl kustomize` (no cluster needed) and validates each
// object against the JSON schema of its kind: Kubernetes' own (kubernetes-models) and the Prometheus
// Operator's (@kubernetes-models/prometheus-operator). kubectl's own --validate needs a cluster's API.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import yaml from "js-yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../k8s");
const kustomizations = [".", "overlays/postgresql", "monitoring"];

async function model(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  if (group === "monitoring.coreos.com") {
    return (await import(`@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`))[kind];
  }
  return (await import(`kubernetes-models/${group ? group + "/" : ""}${version}/${kind}`))[kind];
}

let failures = 0;
for (const dir of kustomizations) {
  const rendered = execFileSync("kubectl", ["kustomize", path.join(root, dir)], { encoding: "utf8" });
  // kubectl 1.20 leaves an empty document where a patch deleted an object.
  const objects = yaml.loadAll(rendered).filter((o) => o && Object.keys(o).length > 0);
  for (const object of objects) {
    const name = `${dir}: ${object.kind}/${object.metadata?.name}`;
    try {
      const Model = await model(object.apiVersion, object.kind);
      new Model(object).validate();
      console.log(`valid   ${name}`);
    } catch (e) {
      failures++;
      console.error(`INVALID ${name}: ${e.message}`);
    }
  }
  if (objects.length === 0) {
    failures++;
    console.error(`INVALID ${dir}: renders nothing`);
  }
}
process.exit(failures === 0 ? 0 : 1);
