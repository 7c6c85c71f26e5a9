#!/usr/bin/env node
// Writes the OpenAPI schema of each CustomResourceDefinition in a YAML file (an operator's release
// manifest) to <out-dir>/<group>_<kind>_<version>.json, without descriptions (they make up most of
// the size and validate nothing). Used to refresh schemas/ when an operator's version changes:
//   node tools/deploy/extract-crd-schemas.mjs cnpg-1.30.0.yaml tools/deploy/schemas/cnpg-1.30.0 Cluster
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const [input, outDir, ...kinds] = process.argv.slice(2);
if (!input || !outDir) {
  console.error('usage: extract-crd-schemas.mjs <crds.yaml> <out-dir> [Kind ...]');
  process.exit(2);
}

function strip(node) {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => key !== 'description')
        .map(([key, value]) => [key, strip(value)]),
    );
  }
  return node;
}

mkdirSync(outDir, { recursive: true });
for (const document of parseAllDocuments(readFileSync(input, 'utf8'))) {
  const crd = document.toJS();
  if (crd?.kind !== 'CustomResourceDefinition') continue;
  const { group, names } = crd.spec;
  if (kinds.length > 0 && !kinds.includes(names.kind)) continue;
  for (const version of crd.spec.versions.filter((v) => v.served)) {
    const file = join(outDir, `${group}_${names.kind}_${version.name}.json`);
    writeFileSync(file, `${JSON.stringify(strip(version.schema.openAPIV3Schema))}\n`);
    console.log(file);
  }
}
