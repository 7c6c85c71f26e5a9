import type { ServiceName } from '@gongkai/contracts';
import { FAULT_POINTS } from '@gongkai/messaging';
import { ALL_APPS, type KillTally } from './apps';
import type { Verdict } from './checker';
import { commandsOf, type Ledger } from './driver';
import type { ClientStats } from './gateway-client';
import type { ScenarioResult } from './scenarios';

export interface RunSummary {
  kills: KillTally;
  brokerRestarts: number;
  ledger: Ledger;
  client: ClientStats;
  verdict: Verdict;
  scenarios: ScenarioResult[];
}

function table(rows: [string, string | number][]): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `| ${name.padEnd(width)} | ${String(value).padStart(8)} |`).join('\n');
}

export function hookKills(kills: KillTally): Map<string, number> {
  const byPoint = new Map<string, number>(FAULT_POINTS.map((point) => [point, 0]));
  for (const [key, count] of kills.hooks) {
    const point = key.slice(key.indexOf(': ') + 2);
    byPoint.set(point, (byPoint.get(point) ?? 0) + count);
  }
  return byPoint;
}

export function format(summary: RunSummary): string {
  const commands = summary.ledger.units.flatMap(commandsOf);
  const by = (outcome: string) => commands.filter((command) => command.outcome === outcome).length;
  const rows: [string, string | number][] = [];
  for (const app of ALL_APPS)
    rows.push([`SIGKILL ${app} at a random time`, summary.kills.chaos.get(app as ServiceName) ?? 0]);
  for (const [point, count] of hookKills(summary.kills)) rows.push([`SIGKILL at hook ${point}`, count]);
  rows.push(['nats-server killed and restarted', summary.brokerRestarts]);
  rows.push(['commands sent', commands.length]);
  rows.push(['  accepted (2xx)', by('accepted')]);
  rows.push(['  accepted, reply lost (409 reply_lost)', by('reply-lost')]);
  rows.push(['  rejected (4xx)', by('rejected')]);
  rows.push(['  unresolved when the driver gave up', by('unresolved')]);
  rows.push(['HTTP requests (with retries)', summary.client.sent]);
  rows.push(['slowest 503/504 answer (ms)', summary.client.slowestUnavailableMs]);
  rows.push(['events in the streams', summary.verdict.eventsInStreams]);
  rows.push([
    'effects checked',
    summary.verdict.effectsChecked + summary.scenarios.reduce((n, s) => n + s.effectsChecked, 0),
  ]);
  rows.push(['lost', summary.verdict.lost.length]);
  rows.push(['doubled', summary.verdict.doubled.length]);
  rows.push(['refused but half-applied', summary.verdict.halfApplied.length]);
  rows.push(['happy-path commands refused', summary.verdict.refusedHappyPath.length]);
  rows.push(['units stalled (an effect never came)', summary.verdict.stalled.length]);
  rows.push(['unexpected dead letters', summary.verdict.unexpectedDeadLetters.length]);
  rows.push(['500 answers', summary.client.internalErrors.length]);
  rows.push([
    'exits at boot while NATS was killed (caused)',
    [...summary.kills.brokerCaused.values()].reduce((sum, n) => sum + n, 0),
  ]);
  rows.push(['crashes nobody caused', summary.kills.unexpected.length]);
  const lines = ['', table(rows), ''];
  for (const scenario of summary.scenarios)
    lines.push(`${scenario.ok ? 'ok  ' : 'FAIL'} ${scenario.name}: ${scenario.figures}`);
  const listed = (title: string, items: readonly string[]) => {
    if (items.length === 0) return;
    lines.push('', `${title} (${items.length}):`, ...items.slice(0, 20).map((item) => `  - ${item}`));
  };
  listed('lost', summary.verdict.lost);
  listed('doubled', summary.verdict.doubled);
  listed('refused but half-applied', summary.verdict.halfApplied);
  listed('unexpected dead letters', summary.verdict.unexpectedDeadLetters);
  listed('happy-path commands refused', summary.verdict.refusedHappyPath);
  listed('units stalled', summary.verdict.stalled);
  listed(
    'scenario problems',
    summary.scenarios.flatMap((s) => s.problems.map((p) => `${s.name}: ${p}`)),
  );
  listed(
    '500 answers',
    summary.client.internalErrors.map(
      (error) => `${error.path}: ${JSON.stringify(error.body).slice(0, 300)}`,
    ),
  );
  listed(
    'unresolved commands',
    commands
      .filter((c) => c.outcome === 'unresolved')
      .map((c) => `${c.status}: ${JSON.stringify(c.body).slice(0, 200)}`),
  );
  listed(
    'crashes nobody caused',
    summary.kills.unexpected.map(
      (exit) => `${exit.app} exited ${exit.code ?? exit.signal}:\n${exit.lastLines}`,
    ),
  );
  return lines.join('\n');
}

export function passed(summary: RunSummary): boolean {
  const commands = summary.ledger.units.flatMap(commandsOf);
  return (
    summary.verdict.lost.length === 0 &&
    summary.verdict.doubled.length === 0 &&
    summary.verdict.halfApplied.length === 0 &&
    summary.verdict.unexpectedDeadLetters.length === 0 &&
    summary.verdict.refusedHappyPath.length === 0 &&
    summary.verdict.stalled.length === 0 &&
    summary.client.internalErrors.length === 0 &&
    summary.kills.unexpected.length === 0 &&
    commands.every((command) => command.outcome !== 'unresolved') &&
    summary.scenarios.every((scenario) => scenario.ok)
  );
}
