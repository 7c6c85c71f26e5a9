import {
  APPLICATION_REQUESTER_TYPES,
  APPLICATION_RESULTS,
  APPLICATION_TABLE_COLUMNS,
} from '@gongkai/contracts';
import { periodOf } from '../shared/period';
import { applicationTable, type TableApplication } from './application-table';

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the standard table of disclosure applications', () => {
  const seed = Number(process.env['TABLE_SEED'] ?? Date.now() % 100_000);
  const year = periodOf('2023-09-01', '2024-08-31');

  it(`holds new + carried in = decided + carried out per requester type on a generated year (seed ${seed})`, () => {
    console.log(`application table seed: ${seed} (TABLE_SEED=${seed} to replay)`);
    const next = random(seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
    const applications: TableApplication[] = [];
    for (let index = 0; index < 400; index += 1) {
      // Received from a year before the period to a month after it; decided 0–90 days later, or not yet.
      const receivedAt = new Date(year.start.getTime() + (next() * 790 - 365) * 86_400_000);
      const decided = next() < 0.85;
      const result = pick(Object.keys(APPLICATION_RESULTS)) as keyof typeof APPLICATION_RESULTS;
      const reasons = Object.keys(APPLICATION_RESULTS[result].reasons);
      applications.push({
        requesterType: pick(APPLICATION_REQUESTER_TYPES),
        receivedAt,
        decidedAt: decided ? new Date(receivedAt.getTime() + next() * 90 * 86_400_000) : null,
        result: decided ? result : null,
        resultReason: decided && reasons.length > 0 ? pick(reasons) : null,
      });
    }
    const table = applicationTable(applications, year);
    const row = (key: string) => table.rows.find((candidate) => candidate.key === key)?.counts;
    expect(table.invariantHolds).toBe(true);
    for (const column of APPLICATION_TABLE_COLUMNS) {
      expect((row('received')?.[column] ?? 0) + (row('carried_in')?.[column] ?? 0)).toBe(
        (row('decided_total')?.[column] ?? 0) + (row('carried_out')?.[column] ?? 0),
      );
    }
    // Counted independently: received in the year, by business time.
    const inYear = applications.filter(
      (application) => application.receivedAt >= year.start && application.receivedAt <= year.end,
    );
    expect(row('received')?.total).toBe(inYear.length);
    // The results add up to the total decided, and each result's reasons to the result.
    const resultKeys = Object.keys(APPLICATION_RESULTS).map((result) => `result.${result}`);
    expect(resultKeys.reduce((sum, key) => sum + (row(key)?.total ?? 0), 0)).toBe(
      row('decided_total')?.total,
    );
    for (const [result, definition] of Object.entries(APPLICATION_RESULTS)) {
      const reasons = Object.keys(definition.reasons);
      if (reasons.length === 0) continue;
      expect(reasons.reduce((sum, reason) => sum + (row(`result.${result}.${reason}`)?.total ?? 0), 0)).toBe(
        row(`result.${result}`)?.total,
      );
    }
  });

  it('counts an application decided after the period as carried out, and one decided before it not at all', () => {
    const table = applicationTable(
      [
        {
          requesterType: 'natural_person',
          receivedAt: new Date('2023-08-20T02:00:00Z'),
          decidedAt: new Date('2023-08-30T02:00:00Z'),
          result: 'disclosed',
          resultReason: null,
        },
        {
          requesterType: 'natural_person',
          receivedAt: new Date('2023-08-25T02:00:00Z'),
          decidedAt: new Date('2023-09-05T02:00:00Z'),
          result: 'disclosed',
          resultReason: null,
        },
        {
          requesterType: 'research_institution',
          receivedAt: new Date('2024-08-20T02:00:00Z'),
          decidedAt: new Date('2024-09-10T02:00:00Z'),
          result: 'not_disclosed',
          resultReason: 'state_secret',
        },
      ],
      year,
    );
    const row = (key: string) => table.rows.find((candidate) => candidate.key === key)?.counts;
    expect(row('carried_in')).toMatchObject({ natural_person: 1, total: 1 });
    expect(row('received')).toMatchObject({ research_institution: 1, total: 1 });
    expect(row('result.disclosed')).toMatchObject({ natural_person: 1 });
    expect(row('carried_out')).toMatchObject({ research_institution: 1, total: 1 });
    expect(table.invariantHolds).toBe(true);
  });
});
