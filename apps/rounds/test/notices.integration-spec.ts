import type { INestMicroservice } from '@nestjs/common';
import { RoundsRpc, type Round } from '@gongkai/contracts';
import { startDataService } from '@gongkai/service-kit';
import { TEST_NATS_URL, waitFor } from '@gongkai/testing';
import { AppModule } from '../src/app/app.module';
import { loadRoundsConfig } from '../src/app/config/rounds-config';
import { NoticePass } from '../src/app/notices/notice-pass';
import { PRISMA_DIR, RoundsWorld, type Holder } from './support/rounds-fixtures';

/** 10:00 in Beijing on a date. */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

interface NoticeEvent {
  type: string;
  payload: {
    taskId: string;
    workingDaysBefore?: number;
    recipientIds: string[];
    escalateToIds?: string[];
  };
}

/**
 * Reminders N working days before the deadline and the overdue escalation, from the pass every
 * replica runs: each once, whatever the replicas, re-runs and interruptions. The pass runs "at" a
 * date (its clock is the service's Clock); its own timer is slowed down out of the way.
 */
describe('rounds service: reminders and escalations, once each', () => {
  const env = { ROUNDS_NOTICE_INTERVAL_MS: '3600000', ROUNDS_NOTICE_BATCH_SIZE: '2' };
  let world: RoundsWorld;
  let office: Holder;
  let liaison: Holder;
  let department: string;

  const pass = (app: INestMicroservice = world.sut.app) => app.get(NoticePass, { strict: false });
  const notices = (roundId: string) =>
    world.sql<NoticeEvent>(
      `SELECT o.type, o.envelope->'payload' AS payload FROM outbox o
       WHERE o.type IN ('rounds.task.reminder-due', 'rounds.task.overdue') AND o.envelope->'payload'->>'roundId' = $1
       ORDER BY o.seq`,
      [roundId],
    );

  async function openRound(
    codes: string[],
    overrides: Parameters<RoundsWorld['draftRound']>[1],
  ): Promise<Round> {
    const itemIds = [];
    for (const code of codes) itemIds.push(await world.item(code, `事项 ${code}`, department));
    const round = await world.draftRound(office.personId, { scope: { itemIds }, ...overrides });
    return world.request(
      RoundsRpc.openRound,
      { roundId: round.id, occurredAt: `${round.noticeDate}T09:00:00+08:00` },
      office.personId,
    );
  }

  beforeAll(async () => {
    world = await RoundsWorld.start(env);
    department = await world.department('教务处');
    // In force long before the dates the pass runs at.
    office = await world.appoint('张主任', 'disclosure_admin', null, new Date('2020-01-01T00:00:00Z'));
    liaison = await world.appoint('王老师', 'dept_liaison', department, new Date('2020-01-01T00:00:00Z'));
  });

  afterAll(() => world?.stop());

  it('reminds 3 and 1 working days before a deadline after 国庆, then escalates once after it', async () => {
    // Deadline Tuesday 8 October 2024: 3 working days before is Friday 27 September, 1 is Monday 30
    // September (Sunday 29 September is a 调休 working day; 1–7 October are off).
    const round = await openRound(['N-1', 'N-2', 'N-3'], {
      name: '2024年秋季信息公开目录更新',
      academicYear: '2024-2025',
      half: 'autumn',
      noticeDate: '2024-09-23',
      deadline: { date: '2024-10-08' },
    });
    const tasks = (
      await world.request(RoundsRpc.listTasks, { roundId: round.id, limit: 10 }, office.personId)
    ).items;
    expect(await pass().runAt(at('2024-09-26'))).toEqual({ reminders: 0, escalations: 0 });

    expect(await pass().runAt(at('2024-09-27'))).toEqual({ reminders: 3, escalations: 0 });
    expect(await pass().runAt(at('2024-09-27'))).toEqual({ reminders: 0, escalations: 0 });
    const [first] = await notices(round.id);
    expect(first).toMatchObject({
      type: 'rounds.task.reminder-due',
      payload: {
        workingDaysBefore: 3,
        recipientIds: [liaison.personId],
        deadline: '2024-10-08',
        status: 'pending',
      },
    });

    // N-1 is submitted on time: it is reminded of nothing more.
    const submitted = tasks.find((task) => task.itemCode === 'N-1');
    await world.request(
      RoundsRpc.submitTask,
      {
        taskId: submitted?.id as string,
        noChange: true,
        noChangeReason: '无变化',
        occurredAt: '2024-09-28T10:00:00+08:00',
      },
      liaison.personId,
    );
    expect(await pass().runAt(at('2024-09-29'))).toEqual({ reminders: 0, escalations: 0 });
    expect(await pass().runAt(at('2024-09-30'))).toEqual({ reminders: 2, escalations: 0 });
    expect(await pass().runAt(at('2024-10-08'))).toEqual({ reminders: 0, escalations: 0 });
    expect(await pass().runAt(at('2024-10-09'))).toEqual({ reminders: 0, escalations: 2 });
    expect(await pass().runAt(at('2024-10-21'))).toEqual({ reminders: 0, escalations: 0 });

    const events = await notices(round.id);
    expect(events.map((event) => [event.type, event.payload.workingDaysBefore ?? null])).toEqual([
      ['rounds.task.reminder-due', 3],
      ['rounds.task.reminder-due', 3],
      ['rounds.task.reminder-due', 3],
      ['rounds.task.reminder-due', 1],
      ['rounds.task.reminder-due', 1],
      ['rounds.task.overdue', null],
      ['rounds.task.overdue', null],
    ]);
    expect(events.at(-1)?.payload).toMatchObject({
      recipientIds: [liaison.personId],
      escalateToIds: [office.personId],
    });
    expect(events.filter((event) => event.payload.taskId === submitted?.id)).toHaveLength(1);
    const overdue = (
      await world.request(
        RoundsRpc.listTasks,
        { roundId: round.id, overdue: true, limit: 10 },
        office.personId,
      )
    ).items;
    expect(overdue.map((task) => task.history.at(-1)?.action)).toEqual([
      'escalated as overdue',
      'escalated as overdue',
    ]);
  });

  describe('with a second replica', () => {
    let replica: INestMicroservice | null = null;

    beforeAll(async () => {
      replica = await startDataService({
        service: 'rounds',
        module: (config) => AppModule.register(config, loadRoundsConfig(env)),
        prismaDir: PRISMA_DIR,
        env: {
          NATS_URL: TEST_NATS_URL,
          NATS_PREFIX: world.sut.runId,
          ROUNDS_DATABASE_URL: world.sut.databaseUrl,
          LOG_LEVEL: 'warn',
          ...env,
        },
      });
    });

    afterAll(async () => {
      await replica?.close();
    });

    it('sends each notice once when both replicas run the pass at the same time', async () => {
      const codes = Array.from({ length: 12 }, (_, index) => `P-${String(index + 1).padStart(2, '0')}`);
      const round = await openRound(codes, { noticeDate: '2024-06-03', deadline: { date: '2024-06-18' } });
      const results = await Promise.all([
        pass().runAt(at('2024-06-19')),
        pass(replica as INestMicroservice).runAt(at('2024-06-19')),
        pass().runAt(at('2024-06-19')),
      ]);
      expect(results.reduce((sum, result) => sum + result.escalations, 0)).toBe(12);
      const events = await notices(round.id);
      expect(events).toHaveLength(12);
      expect(new Set(events.map((event) => event.payload.taskId)).size).toBe(12);
      expect(
        await world.count(
          'SELECT count(*) AS n FROM task_notice n JOIN task t ON t.id = n.task_id WHERE t.round_id = $1',
          [round.id],
        ),
      ).toBe(12);
    });

    it('finishes a pass cut off by its replica stopping, without sending anything twice', async () => {
      const codes = Array.from({ length: 10 }, (_, index) => `Q-${String(index + 1).padStart(2, '0')}`);
      const round = await openRound(codes, { noticeDate: '2024-06-03', deadline: { date: '2024-06-18' } });
      // A slow replica: one task per transaction and a pause between them.
      const slow = await startDataService({
        service: 'rounds',
        module: (config) =>
          AppModule.register(
            config,
            loadRoundsConfig({ ...env, ROUNDS_NOTICE_BATCH_SIZE: '1', ROUNDS_NOTICE_BATCH_PAUSE_MS: '300' }),
          ),
        prismaDir: PRISMA_DIR,
        env: {
          NATS_URL: TEST_NATS_URL,
          NATS_PREFIX: world.sut.runId,
          ROUNDS_DATABASE_URL: world.sut.databaseUrl,
          LOG_LEVEL: 'fatal',
          ...env,
        },
      });
      const cutOff = pass(slow).runAt(at('2024-06-19'));
      await waitFor(async () => (await notices(round.id)).length >= 2, { what: 'the slow pass under way' });
      await slow.close();
      const sentBefore = (await notices(round.id)).length;
      expect(sentBefore).toBeLessThan(10);
      // It ended after the transaction under way when the replica stopped, having sent what it counted.
      expect((await cutOff).escalations).toBe(sentBefore);
      const rest = await pass().runAt(at('2024-06-19'));
      expect(rest.escalations).toBe(10 - sentBefore);
      const events = await notices(round.id);
      expect(events).toHaveLength(10);
      expect(new Set(events.map((event) => event.payload.taskId)).size).toBe(10);
    });
  });
});
