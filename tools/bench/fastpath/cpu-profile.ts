import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  pid: number;
  file: string;
  totalMs: number;
  /** Self time by where the code comes from: a package in node_modules, node itself, or our bundle. */
  bySource: { source: string; ms: number }[];
  /** Self time by function, the heaviest first. */
  byFunction: { name: string; ms: number }[];
}

function sourceOf(url: string): string {
  if (!url) return '(V8: GC, idle, native)';
  if (url.startsWith('node:')) return 'node core';
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const [first, second] = url.slice(inModules + 'node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? url);
  }
  const inDist = url.indexOf('/dist/apps/');
  return inDist >= 0 ? `our bundle (${url.slice(inDist + 1)})` : url;
}

const heaviest = (totals: Map<string, number>, count: number) =>
  [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, ms: micros / 1000 }));

/** Self time per source and per function of one profile (timeDeltas are microseconds). */
export function summarizeProfile(profile: CpuProfile, pid: number, file: string, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const bySource = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') return;
    total += micros;
    const source = sourceOf(frame.url);
    bySource.set(source, (bySource.get(source) ?? 0) + micros);
    const name = `${frame.functionName || '(anonymous)'} ${source}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  });
  return {
    pid,
    file,
    totalMs: total / 1000,
    bySource: heaviest(bySource, top).map(({ name, ms }) => ({ source: name, ms })),
    byFunction: heaviest(byFunction, top),
  };
}

/** Every profile `node --cpu-prof --cpu-prof-dir=<dir>` wrote, summarized (file names carry the pid). */
export function summarizeProfiles(dir: string): ProfileSummary[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => {
      const pid = Number(file.split('.')[3]);
      return summarizeProfile(
        JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile,
        pid,
        join(dir, file),
      );
    });
}
