#!/usr/bin/env node
// Validates Kubernetes objects (a JSON array on stdin) and prints, as JSON, one entry per object:
// { schema, errors }. A plain Node.js ESM script because kubernetes-models ships ESM only, which
// Jest's CommonJS runtime cannot import; tools/deploy/src/*.spec.ts run it.
//
// - Kubernetes' own kinds: kubernetes-models' JSON schemas (the ajv validators it ships), plus
//   fields the schema does not know. The API server refuses those (kubectl's default
//   --validate=strict), but the schemas allow any extra property, so each object is validated
//   through a Proxy that records which properties the validator read: a validator reads every
//   property its schema declares, so one it never read is not in the schema.
// - Custom resources: the CRD's openAPIV3Schema from tools/deploy/schemas/ (extracted from the
//   operator's release, see extract-crd-schemas.mjs), with unknown fields refused the same way
//   (additionalProperties false wherever the schema lists properties and does not keep unknown
//   fields), as the API server prunes or, with strict validation, refuses them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const SCHEMAS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');

/** `{ 'postgresql.cnpg.io/v1/Cluster': schema }` for every CRD schema in schemas/<operator>/. */
function loadCrdSchemas() {
  const schemas = {};
  for (const dir of readdirSync(SCHEMAS_DIR, { withFileTypes: true }).filter((entry) =>
    entry.isDirectory(),
  )) {
    for (const file of readdirSync(join(SCHEMAS_DIR, dir.name)).filter((name) => name.endsWith('.json'))) {
      const [group, kind, version] = file.replace(/\.json$/, '').split('_');
      schemas[`${group}/${version}/${kind}`] = {
        file: `${dir.name}/${file}`,
        schema: closed(JSON.parse(readFileSync(join(SCHEMAS_DIR, dir.name, file), 'utf8'))),
      };
    }
  }
  return schemas;
}

/** The structural schema with unknown properties refused, as the API server does. */
function closed(schema) {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, closed(value)]));
  if (
    copy.type === 'object' &&
    copy.properties &&
    copy.additionalProperties === undefined &&
    !copy['x-kubernetes-preserve-unknown-fields']
  ) {
    copy.additionalProperties = false;
  }
  // Every object may carry apiVersion, kind and metadata at its root; the CRD schema leaves
  // metadata's fields to the API server (ObjectMeta).
  return copy;
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const crdSchemas = loadCrdSchemas();

/**
 * A view of `value` that records, per object, which properties were read (one Proxy per object,
 * so what a nested validator reads is recorded on the object itself).
 */
function recording(value, path, records) {
  if (!value || typeof value !== 'object') return value;
  const known = records.byTarget.get(value);
  if (known) return known.proxy;
  const record = { path, value, seen: new Set(), proxy: null };
  record.proxy = new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string') record.seen.add(key);
      const child = Reflect.get(target, key, receiver);
      return typeof key === 'string' && Object.prototype.hasOwnProperty.call(target, key)
        ? recording(child, `${path}/${key}`, records)
        : child;
    },
    has(target, key) {
      if (typeof key === 'string') record.seen.add(key);
      return Reflect.has(target, key);
    },
  });
  records.byTarget.set(value, record);
  if (!Array.isArray(value)) records.list.push(record);
  return record.proxy;
}

function formatAjvErrors(errors) {
  return (errors ?? []).map((error) => {
    const where = error.instancePath || '/';
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${error.params.additionalProperty})`
        : error.keyword === 'enum'
          ? ` (${JSON.stringify(error.params.allowedValues)})`
          : '';
    return `${where} ${error.message}${extra}`;
  });
}

async function validateBuiltIn(object) {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  const modulePath = `kubernetes-models/${group ? `${group}/` : ''}${version}/${object.kind}`;
  let model;
  try {
    model = (await import(modulePath))[object.kind];
  } catch {
    return null;
  }
  const errors = [];
  const records = { byTarget: new Map(), list: [] };
  try {
    model.prototype.validate.call(recording(object, '', records));
  } catch (error) {
    errors.push(...formatAjvErrors(error.errors ?? [{ instancePath: '', message: String(error.message) }]));
  }
  if (errors.length === 0) {
    for (const { path, value, seen } of records.list) {
      for (const key of Object.keys(value)) {
        if (!seen.has(key)) errors.push(`${path || '/'} has a field the schema does not know: ${key}`);
      }
    }
  }
  return { schema: `kubernetes-models ${modulePath}`, errors };
}

function validateCustom(object) {
  const found = crdSchemas[`${object.apiVersion}/${object.kind}`];
  if (!found) return null;
  const validate = (found.validate ??= ajv.compile(found.schema));
  // metadata is the API server's ObjectMeta (the CRD schema says only `type: object`).
  const valid = validate(object);
  const errors = valid ? [] : formatAjvErrors(validate.errors);
  if (!object.metadata?.name) errors.push('/metadata has no name');
  return { schema: `CRD schema ${found.file}`, errors };
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const object of objects) {
  const result = validateCustom(object) ?? (await validateBuiltIn(object));
  results.push(result ?? { schema: null, errors: [`no schema for ${object.apiVersion} ${object.kind}`] });
}
process.stdout.write(JSON.stringify(results));
