import { Client } from 'pg';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { addCalendarDays, addWorkingDays, shanghaiDateOf } from '@gongkai/calendar';
import type { CatalogueItem, Round } from '@gongkai/contracts';
import { connectNats, prefixSubject, streamName } from '@gongkai/messaging';
import { startSystem, testDatabaseUrl, waitFor, type RunningSystem } from '@gongkai/testing';
import { Campus, WAIT_MS } from './rounds.e2e-helpers';

// Whole scenarios under one test each, on a shared machine: limits, not expectations of speed.
jest.setTimeout(900_000);

interface NoticeEvent {
  subject: string;
  id: string;
  payload: {
    taskId: string;
    roundId: string;
    recipientIds: string[];
    escalateToIds?: string[];
    workingDaysBefore?: number;
  };
}

/**
 * Reminders and overdue escalations are sent by a pass in the rounds process itself, with nobody
 * running a job, and each exactly once even when the process is killed in the middle of the pass
 * and started again. The pass is slowed down (one task per transaction, a pause between them) so
 * that the kill lands inside it; the dates are real (a round overdue since yesterday, one due
 * tomorrow): no clock is faked in the built apps.
 */
describe('update rounds end to end: reminders and escalations once each across a restart', () => {
  let system: RunningSystem;
  let campus: Campus;
  let nc: NatsConnection;
  let office: string;
  let liaison: string;
  let overdueRound: Round;
  let dueRound: Round;

  async function notices(): Promise<NoticeEvent[]> {
    const consumer = await jetstream(nc).consumers.get(streamName(system.runId, 'rounds'), {
      // One filter: the NATS server here (2.9) takes no list of them.
      filter_subjects: prefixSubject(system.runId, 'evt.rounds.task.>'),
    });
    const events: NoticeEvent[] = [];
    const messages = await consumer.fetch({ max_messages: 1000, expires: 2000 });
    for await (const message of messages) {
      const envelope = message.json() as { id: string; payload: NoticeEvent['payload'] };
      if (/\.(overdue|reminder-due)\.v1$/.test(message.subject))
        events.push({ subject: message.subject, id: envelope.id, payload: envelope.payload });
      if (message.info.pending === 0) break;
    }
    return events;
  }

  /** Notices recorded in rounds' own database (what the test may look at, never change). */
  async function recorded(): Promise<number> {
    const client = new Client({ connectionString: testDatabaseUrl(system.runId, 'rounds') });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) AS n FROM task_notice')).rows[0].n);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    system = await startSystem({
      extraEnv: {
        ROUNDS_NOTICE_INTERVAL_MS: '500',
        ROUNDS_NOTICE_BATCH_SIZE: '1',
        ROUNDS_NOTICE_BATCH_PAUSE_MS: '400',
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    campus = new Campus(system);
    nc = await connectNats({ servers: system.env['NATS_URL'] as string, name: 'e2e-rounds-notices' });
  }, 300_000);

  afterAll(async () => {
    await nc?.close();
    await system?.stop();
  });

  it('sets up a department with a liaison and the office, and two rounds: one overdue, one due tomorrow', async () => {
    office = await campus.appoint(
      'GK001',
      '张主任',
      'disclosure_admin',
      await campus.department('XXGK', '信息公开办公室'),
    );
    const department = await campus.department('JWC', '教务处');
    liaison = await campus.appoint('JW01', '王老师', 'dept_liaison', department);
    const items = (await campus.items()).sort((a, b) => a.code.localeCompare(b.code)).slice(0, 16);
    for (const item of items) await campus.assign(item.id, department, '2024-01-01');
    const today = shanghaiDateOf(new Date());
    const ids = (list: CatalogueItem[]) => list.map((item) => item.id);
    overdueRound = await campus.openRound(office, {
      name: '逾期的轮次',
      academicYear: '2024-2025',
      half: 'spring',
      noticeText: '请按时更新。',
      noticeDate: addCalendarDays(today, -30),
      deadline: { date: addCalendarDays(today, -1) },
      scope: { itemIds: ids(items.slice(0, 10)) },
    });
    dueRound = await campus.openRound(office, {
      name: '明天截止的轮次',
      academicYear: '2024-2025',
      half: 'spring',
      noticeText: '请按时更新。',
      noticeDate: addCalendarDays(today, -10),
      deadline: { date: addWorkingDays(today, 1) },
      scope: { itemIds: ids(items.slice(10, 16)) },
    });
  });

  it('kills the rounds process in the middle of the pass; started again, it sends the rest, nothing twice', async () => {
    await waitFor(async () => (await recorded()) >= 2, { what: 'the pass under way', timeoutMs: WAIT_MS });
    await system.restart('rounds', { signal: 'SIGKILL' });
    const atRestart = await recorded();
    expect(atRestart).toBeLessThan(16);

    await waitFor(async () => (await notices()).length >= 16, {
      what: 'every notice sent',
      timeoutMs: WAIT_MS,
    });
    await waitFor(
      async () =>
        (await campus.tasks(dueRound.id)).every((task) =>
          task.history.some((entry) => entry.action === 'reminded'),
        ),
      { what: 'every reminder in the task history', timeoutMs: WAIT_MS },
    );
    const events = await notices();
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    const escalations = events.filter((event) => event.subject.endsWith('.overdue.v1'));
    const reminders = events.filter((event) => event.subject.endsWith('.reminder-due.v1'));
    expect(escalations).toHaveLength(10);
    expect(reminders).toHaveLength(6);
    expect(new Set(escalations.map((event) => event.payload.taskId)).size).toBe(10);
    expect(new Set(reminders.map((event) => event.payload.taskId)).size).toBe(6);
    expect(escalations.every((event) => event.payload.roundId === overdueRound.id)).toBe(true);
    expect(escalations[0]?.payload).toMatchObject({ recipientIds: [liaison], escalateToIds: [office] });
    expect(reminders[0]?.payload).toMatchObject({
      roundId: dueRound.id,
      recipientIds: [liaison],
      workingDaysBefore: 1,
    });
    expect(await recorded()).toBe(16);
    for (const task of await campus.tasks(overdueRound.id)) {
      expect(task).toMatchObject({ overdue: true });
      expect(task.history.filter((entry) => entry.action === 'escalated as overdue')).toHaveLength(1);
    }
  });
});
