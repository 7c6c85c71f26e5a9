import { addWorkingDays, endOfShanghaiDay, isWorkingDay, shanghaiDateOf } from '@gongkai/calendar';
import { ComplaintsRpc, type CaseSource } from '@gongkai/contracts';
import { SlaSweeper } from '../src/app/sla/sla-sweeper';
import { startComplaints, type ComplaintsHarness } from './support/complaints-harness';

const beijing = (local: string) => new Date(`${local}+08:00`);

/** mulberry32: a seeded generator, so a failing run can be replayed with METRICS_SEED. */
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

async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  for (let index = 0; index < items.length; index += size)
    await Promise.all(items.slice(index, index + size).map(work));
}

describe('complaints service: SLA clocks and metrics', () => {
  let h: ComplaintsHarness;
  let sweeper: SlaSweeper;
  let office: string;

  beforeAll(async () => {
    h = await startComplaints();
    sweeper = h.sut.app.get(SlaSweeper, { strict: false });
    office = await h.department('信息公开办公室');
  }, 60000);

  afterAll(() => h?.stop());

  async function correctedAndExtended(title: string) {
    // The service's clock stands on 21 September 2024 while these steps are entered.
    h.clock.at = beijing('2024-09-21T12:00:00');
    const { case: application } = await h.create({
      kind: 'application',
      source: 'letter',
      category: 'admissions',
      title,
      content: '申请公开2024年本科招生各省录取人数。',
      requester: { name: '陈九', contact: 'chen@example.com', type: 'natural_person' },
      occurredAt: beijing('2024-09-02T10:00:00').toISOString(),
    });
    const id = application.id;
    await h.step('register', id, { occurredAt: beijing('2024-09-02T11:00:00').toISOString() });
    await h.step('request-correction', id, {
      notice: '请补充所需信息的具体年份和专业范围。',
      occurredAt: beijing('2024-09-05T10:00:00').toISOString(),
    });
    const waiting = await h.step('correction-received', id, {
      occurredAt: beijing('2024-09-10T09:00:00').toISOString(),
    });
    expect(waiting.sla.state).toBe('running');
    const extended = await h.step('extend', id, {
      workingDays: 15,
      reason: '需跨部门汇总数据',
      approvedBy: '信息公开办主任',
      applicantNotifiedAt: beijing('2024-09-20T10:00:00').toISOString(),
      occurredAt: beijing('2024-09-20T09:00:00').toISOString(),
    });
    h.clock.at = null;
    return extended;
  }

  it('holds an application with a correction and one extension to the Chinese calendar: on time on the last working day, overdue the next', async () => {
    // 15 + 15 working days from the corrected request (10 Sep 2024), across 中秋 and 国庆 and their
    // make-up days (14 Sep, 29 Sep, 12 Oct): due at the end of Monday 28 October.
    const waitingForCorrection = await h.create({
      kind: 'application',
      source: 'web',
      category: 'fees',
      requester: { name: '甲', contact: 'x', type: 'commercial_enterprise' },
    });
    await h.step('request-correction', waitingForCorrection.case.id, { notice: '请说明所需信息' });
    expect(
      (await h.sut.client.request(ComplaintsRpc.getCase, { caseId: waitingForCorrection.case.id }, h.admin))
        .sla,
    ).toMatchObject({
      state: 'waiting_requester',
      overdue: false,
    });

    // Treated as abandoned (其他处理 1) only once the applicant's time to answer has run out.
    await expect(
      h.step('decide', waitingForCorrection.case.id, {
        result: 'other',
        reason: 'no_correction',
        replyText: '申请人逾期未补正，不再处理。',
        deliveredVia: 'post',
      }),
    ).rejects.toMatchObject({ reason: 'CASE_WRONG_STATE' });

    const onTime = await correctedAndExtended('录取人数（按时）');
    expect(onTime.sla).toMatchObject({
      state: 'extended',
      dueAt: '2024-10-28T15:59:59.999Z',
      extendedWorkingDays: 15,
    });
    const late = await correctedAndExtended('录取人数（逾期）');
    h.clock.at = beijing('2024-11-01T12:00:00');
    const decide = (id: string, local: string) =>
      h.step('decide', id, {
        result: 'partly_disclosed',
        replyText: '部分公开，附件为各省录取人数。',
        deliveredVia: 'email',
        occurredAt: beijing(local).toISOString(),
      });
    expect((await decide(onTime.id, '2024-10-28T23:30:00')).sla).toMatchObject({
      state: 'stopped',
      onTime: true,
    });
    expect((await decide(late.id, '2024-10-29T00:10:00')).sla).toMatchObject({
      state: 'stopped',
      onTime: false,
    });
    const decided = (await h.eventsOf(late.id)).find((event) => event.type === 'complaints.case.decided');
    expect(decided?.payload).toMatchObject({ result: 'partly_disclosed', onTime: false });
    h.clock.at = null;
  });

  it('sends the warning and the overdue event once each, whoever runs the periodic pass and how often', async () => {
    const open = await correctedAndExtended('录取人数（未答复）');
    const notices = async () =>
      (await h.eventsOf(open.id)).filter((event) =>
        ['complaints.case.sla-warning', 'complaints.case.overdue'].includes(event.type),
      );
    await sweeper.sweep(beijing('2024-10-20T12:00:00'));
    expect(await notices()).toEqual([]);
    // Two replicas' passes at once, then a restarted one: one warning (from the start of 24 Oct) …
    await Promise.all([
      sweeper.sweep(beijing('2024-10-24T08:00:00')),
      sweeper.sweep(beijing('2024-10-24T08:00:00')),
    ]);
    await sweeper.sweep(beijing('2024-10-28T23:59:00'));
    expect((await notices()).map((event) => event.type)).toEqual(['complaints.case.sla-warning']);
    // … and one overdue event the next morning, with the case in the supervision queue.
    await Promise.all([
      sweeper.sweep(beijing('2024-10-29T00:30:00')),
      sweeper.sweep(beijing('2024-10-29T00:30:00')),
    ]);
    await sweeper.sweep(beijing('2024-11-05T09:00:00'));
    const sent = await notices();
    expect(sent.map((event) => event.type)).toEqual([
      'complaints.case.sla-warning',
      'complaints.case.overdue',
    ]);
    expect(sent[1]?.occurredAt).toBe('2024-10-28T15:59:59.999Z');
    const queue = await h.sut.client.request(
      ComplaintsRpc.listCases,
      { queue: 'supervision', kind: 'application', limit: 500 },
      h.admin,
    );
    expect(queue.items.map((item) => item.id)).toContain(open.id);
  });

  it('computes metrics over a generated set of cases equal to the figures counted from what was generated', async () => {
    const seed = Number(process.env['METRICS_SEED'] ?? Date.now() % 1_000_000);
    console.log(`metrics seed: ${seed} (METRICS_SEED=${seed} to replay)`);
    const next = random(seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
    const departments = [office, await h.department('后勤集团'), await h.department('学生处')];
    const sources: CaseSource[] = ['city_12345', 'campus_hotline', 'web', 'email'];
    const asOf = beijing('2024-06-01T12:00:00');
    h.clock.at = asOf;
    interface Plan {
      source: CaseSource;
      receivedAt: Date;
      department: string;
      contactAfterHours: number | null;
      replyAfterDays: number | null;
      callback: { satisfaction: string; resolution: string } | null;
      close: boolean;
    }
    const plans: Plan[] = Array.from({ length: 200 }, (_, index) => {
      const receivedAt = new Date(beijing('2024-03-01T08:00:00').getTime() + next() * 61 * 86_400_000);
      const contacted = next() < 0.9;
      const replied = contacted && next() < 0.85;
      const calledBack = replied && next() < 0.8;
      return {
        source: sources[index % sources.length] as CaseSource,
        receivedAt,
        department: pick(departments),
        contactAfterHours: contacted ? 1 + next() * 60 : null,
        replyAfterDays: replied ? 1 + next() * 12 : null,
        callback: calledBack
          ? {
              satisfaction: pick(['satisfied', 'basically_satisfied', 'unsatisfied']),
              resolution: pick(['solved', 'partly_solved', 'unsolved']),
            }
          : null,
        close: calledBack && next() < 0.9,
      };
    });
    const after = (from: Date, hours: number) =>
      new Date(Math.min(from.getTime() + hours * 3_600_000, asOf.getTime() - 60_000));
    await inBatches(
      plans.map((plan, index) => ({ plan, index })),
      6,
      async ({ plan, index }) => {
        const { case: created } = await h.create({
          kind: 'complaint',
          source: plan.source,
          ...(plan.source === 'city_12345' ? { externalNo: `M${seed}-${index}` } : {}),
          occurredAt: plan.receivedAt.toISOString(),
        });
        const at = (date: Date) => ({ occurredAt: date.toISOString() });
        await h.step('dispatch', created.id, { leadDepartmentId: plan.department, ...at(plan.receivedAt) });
        if (plan.contactAfterHours === null) return;
        const contactAt = after(plan.receivedAt, plan.contactAfterHours);
        await h.step('accept', created.id, at(contactAt));
        await h.step('contact', created.id, at(contactAt));
        if (plan.replyAfterDays === null) return;
        const replyAt = after(contactAt, plan.replyAfterDays * 24);
        await h.step('reply', created.id, { text: '已处理', ...at(replyAt) });
        if (!plan.callback) return;
        await h.step('callback', created.id, { ...plan.callback, ...at(after(replyAt, 2)) });
        if (plan.close) await h.step('close', created.id, at(after(replyAt, 3)));
      },
    );

    // Counted here from the plan, on the calendar: first contact due by the end of the next working
    // day, the reply by the end of the 7th working day after receipt (the default complaint policy).
    const expected = (subset: Plan[]) => {
      // City transfers: 24 hours counted on working days only (minute by minute here).
      const responseDueOf = (plan: Plan) => {
        if (plan.source !== 'city_12345')
          return endOfShanghaiDay(addWorkingDays(shanghaiDateOf(plan.receivedAt), 1));
        let at = plan.receivedAt.getTime();
        for (let minutes = 0; minutes < 24 * 60; at += 60_000) if (isWorkingDay(new Date(at))) minutes += 1;
        return new Date(at);
      };
      const replyDueOf = (plan: Plan) => endOfShanghaiDay(addWorkingDays(shanghaiDateOf(plan.receivedAt), 7));
      const contactOf = (plan: Plan) =>
        plan.contactAfterHours === null ? null : after(plan.receivedAt, plan.contactAfterHours);
      const replyOf = (plan: Plan) => {
        const contact = contactOf(plan);
        return contact && plan.replyAfterDays !== null ? after(contact, plan.replyAfterDays * 24) : null;
      };
      const cityDue = (plan: Plan) => replyDueOf(plan);
      const responseDue = subset.filter((plan) => contactOf(plan) || responseDueOf(plan) < asOf);
      const replyDue = subset.filter((plan) => replyOf(plan) || cityDue(plan) < asOf);
      const calledBack = subset.filter((plan) => plan.callback);
      const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
      const respondedInTime = responseDue.filter(
        (plan) => (contactOf(plan) as Date | null) && (contactOf(plan) as Date) <= responseDueOf(plan),
      ).length;
      const repliedOnTime = replyDue.filter(
        (plan) => replyOf(plan) && (replyOf(plan) as Date) <= cityDue(plan),
      ).length;
      const solved = calledBack.filter((plan) => plan.callback?.resolution === 'solved').length;
      const satisfied = calledBack.filter((plan) => plan.callback?.satisfaction !== 'unsatisfied').length;
      const completed = subset.filter((plan) => plan.close).length;
      return {
        received: subset.length,
        completed,
        completionRate: ratio(completed, subset.length),
        respondedInTime,
        responseDue: responseDue.length,
        responseRate: ratio(respondedInTime, responseDue.length),
        calledBack: calledBack.length,
        solved,
        resolutionRate: ratio(solved, calledBack.length),
        satisfied,
        satisfactionRate: ratio(satisfied, calledBack.length),
        repliedOnTime,
        replyDue: replyDue.length,
        onTimeRate: ratio(repliedOnTime, replyDue.length),
      };
    };
    const metrics = await h.sut.client.request(
      ComplaintsRpc.metrics,
      { from: '2024-03-01', to: '2024-04-30', kind: 'complaint', groupBy: 'department' },
      h.admin,
    );
    const inPeriod = plans.filter((plan) => shanghaiDateOf(plan.receivedAt) <= '2024-04-30');
    expect(metrics.total).toEqual(expected(inPeriod));
    for (const department of departments) {
      expect(metrics.groups.find((group) => group.key === department)).toEqual({
        key: department,
        ...expected(inPeriod.filter((plan) => plan.department === department)),
      });
    }
    const ranking = await h.sut.client.request(
      ComplaintsRpc.ranking,
      { from: '2024-03-01', to: '2024-04-30' },
      h.admin,
    );
    expect(ranking.departments.map((entry) => entry.rank)).toEqual([1, 2, 3]);
    h.clock.at = null;
  }, 600000);
});
