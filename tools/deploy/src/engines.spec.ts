import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { atLeast, readYaml, render, versionOf, workspaceRoot } from './manifests';

// The engines gongkai runs on, outside our own manifests: the compose file against the Compose
// specification's schema, the NATS Helm chart's values against the chart's own values, and the
// versions we require of NATS and Node.js.

/* eslint-disable @typescript-eslint/no-explicit-any */
const SCHEMAS = join(__dirname, '..', 'schemas');
const NATS_MINIMUM = [2, 12, 3]; // acknowledged writes lost before 2.12.3 (see deploy/README.md)
const NATS_VALUES = {
  campus: 'deploy/k8s/nats/values-campus.yaml',
  'single-node': 'deploy/k8s/nats/values-single-node.yaml',
};

const compose = parse(readFileSync(join(workspaceRoot, 'docker-compose.yml'), 'utf8'), { merge: true });

/** The Compose specification's schema (draft-07, which is Ajv's default; its `$schema` URL is not Ajv's spelling). */
function composeValidator(options: { allErrors?: boolean } = {}) {
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(join(SCHEMAS, 'compose-spec.json'), 'utf8'));
  return new Ajv({ ...options, strict: false, validateFormats: false }).compile(schema);
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification schema', () => {
    const validate = composeValidator({ allErrors: true });
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses what the schema refuses (an unknown service key)', () => {
    const validate = composeValidator();
    const broken = structuredClone(compose);
    broken.services.gateway.restart_policy = 'always';
    expect(validate(broken)).toBe(false);
  });

  it(`runs NATS ${NATS_MINIMUM.join('.')} or later, syncing JetStream writes to disk before it acknowledges them`, () => {
    const nats = compose.services.nats;
    const tag = String(nats.image).split(':')[1] ?? '';
    expect(atLeast(versionOf(tag), NATS_MINIMUM)).toBe(true);
    const configFlag = nats.command.indexOf('-c');
    expect(configFlag).toBeGreaterThanOrEqual(0);
    const mounted = nats.volumes.find((v: string) => v.split(':')[1] === nats.command[configFlag + 1]);
    const config = readFileSync(join(workspaceRoot, mounted.split(':')[0]), 'utf8');
    expect(config).toMatch(/^\s*sync_interval:\s*always\s*$/m);
  });
});

describe('NATS Helm chart values', () => {
  const chartDefaults = parse(readFileSync(join(SCHEMAS, 'nats-chart-2.14.2-values.yaml'), 'utf8'));
  /** Free-form maps in the chart (merged into the generated config or Kubernetes objects as they are). */
  const FREE_FORM = new Set(['merge', 'patch', 'env', 'resources', 'topologySpreadConstraints', 'labels']);

  function unknownKeys(values: any, defaults: any, path: string): string[] {
    return Object.entries(values).flatMap(([key, value]) => {
      const here = `${path}.${key}`;
      if (!(key in (defaults ?? {}))) return [here];
      if (FREE_FORM.has(key) || !value || typeof value !== 'object' || Array.isArray(value)) return [];
      return unknownKeys(value, defaults[key], here);
    });
  }

  describe.each(Object.entries(NATS_VALUES))('%s (%s)', (overlay, file) => {
    const values = readYaml<any>(file);

    it('sets only keys the chart has (the chart ships no values schema; its defaults are the list)', () => {
      expect(unknownKeys(values, chartDefaults, '')).toEqual([]);
    });

    it('keeps JetStream on disk, syncing every write before the ack', () => {
      expect(values.config.jetstream).toEqual(
        expect.objectContaining({ enabled: true, fileStore: expect.objectContaining({ enabled: true }) }),
      );
      expect(values.config.jetstream.fileStore.pvc.enabled).toBe(true);
      expect(values.config.jetstream.merge).toEqual({ sync_interval: 'always' });
    });

    it(`pins NATS ${NATS_MINIMUM.join('.')} or later, the same as docker-compose.yml`, () => {
      const { repository, tag } = values.container.image;
      expect(atLeast(versionOf(tag), NATS_MINIMUM)).toBe(true);
      expect(`${repository}:${tag}`).toBe(compose.services.nats.image);
      expect(values.reloader.image.tag).toMatch(/^\d+\.\d+\.\d+$/);
      expect(values.natsBox.container.image.tag).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it('has as many NATS servers as the overlay gives each stream replicas', () => {
      const servers = values.config.cluster.enabled ? values.config.cluster.replicas : 1;
      const config = render(overlay).find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('gongkai-config'),
      );
      expect(Number(config?.data?.['JETSTREAM_REPLICAS'])).toBe(servers);
      // A JetStream cluster needs a quorum: 3 servers (or 1 without a cluster).
      expect([1, 3, 5]).toContain(servers);
    });

    it('names the service the apps connect to (NATS_URL) as the chart does for the release `nats`', () => {
      const config = render(overlay).find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('gongkai-config'),
      );
      expect(config?.data?.['NATS_URL']).toBe('nats://nats:4222');
      expect(values.nameOverride ?? values.fullnameOverride ?? values.service?.name).toBeUndefined();
    });
  });
});

describe('Node.js', () => {
  const dockerfile = readFileSync(join(workspaceRoot, 'Dockerfile'), 'utf8');
  const engines = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')).engines
    .node as string;

  it('builds the images on a supported LTS (22 or 24)', () => {
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1] ?? '';
    expect(image).toMatch(/^node:(22|24)[.\d]*-[a-z]+-slim$/);
  });

  it('declares the supported Node.js versions in package.json (22.15+ or 24+)', () => {
    expect(engines).toBe('^22.15.0 || >=24.0.0');
  });
});
