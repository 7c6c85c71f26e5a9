import type { ImportResult } from '@gongkai/contracts';
import type { Campus } from './campus-setup';
import type { GatewayClient } from './gateway-client';
import { inParallel, Progress } from './progress';
import { addDays, APPLICATIONS, beijing, COMPLAINTS, MERGE } from './seed-year';

/** What people write to the hotline, by category (hotspots come out of these words). */
const TOPICS: { category: string; unit: string; title: string; content: string }[] = [
  {
    category: 'canteen',
    unit: MERGE.target.code,
    title: '食堂饭菜价格',
    content: '食堂饭菜价格上涨，份量减少，希望公开定价依据。',
  },
  {
    category: 'dormitory',
    unit: MERGE.target.code,
    title: '宿舍空调不制冷',
    content: '宿舍空调不制冷，报修后一周无人处理。',
  },
  {
    category: 'logistics',
    unit: MERGE.target.code,
    title: '快递站排队',
    content: '校园快递站排队时间过长，建议延长开放时间。',
  },
  {
    category: 'network',
    unit: 'XZBGS',
    title: '校园网断线',
    content: '晚上校园网频繁断线，影响网课和作业提交。',
  },
  {
    category: 'teaching',
    unit: 'JWB',
    title: '教室投影仪故障',
    content: '教学楼教室投影仪故障，多次反映未修复。',
  },
  {
    category: 'student_affairs',
    unit: 'XSGZB',
    title: '奖学金评定',
    content: '奖学金评定结果公示时间太短，希望公开评定细则。',
  },
  {
    category: 'admissions',
    unit: 'ZSB',
    title: '招生咨询',
    content: '咨询今年本科招生计划和录取分数线何时公开。',
  },
  { category: 'fees', unit: 'CWC', title: '收费标准', content: '询问住宿费收费标准和退费办法。' },
];

export interface ComplaintYear {
  ids: string[];
  received: number;
  closed: number;
}

/** The day (YYYY-MM-DD) the `index`-th of `count` complaints was received, spread over the year. */
const receivedDay = (index: number, count: number) =>
  addDays(COMPLAINTS.firstDay, Math.floor((index * COMPLAINTS.days) / count));

/**
 * 1254 complaints as the seed had them: 882 sent by the city's 12345 hotline in monthly batches,
 * 372 received on campus (hotline, website, e-mail, visits, letters), in order of their dates.
 */
export async function receiveComplaints(
  gateway: GatewayClient,
): Promise<{ id: string; day: string; topic: (typeof TOPICS)[number] }[]> {
  const total = COMPLAINTS.city + COMPLAINTS.campus;
  const fromCity = new Set(
    Array.from({ length: COMPLAINTS.city }, (_, index) => Math.floor((index * total) / COMPLAINTS.city)),
  );
  const plan = Array.from({ length: total }, (_, index) => ({
    index,
    day: receivedDay(index, total),
    city: fromCity.has(index),
    topic: TOPICS[(index * 7) % TOPICS.length] as (typeof TOPICS)[number],
  }));
  const progress = new Progress('complaints received (city batches and campus channels)', total);
  const ids = new Map<number, string>();
  const cityByMonth = new Map<string, typeof plan>();
  for (const entry of plan.filter((candidate) => candidate.city)) {
    const month = entry.day.slice(0, 7);
    cityByMonth.set(month, [...(cityByMonth.get(month) ?? []), entry]);
  }
  for (const [month, entries] of cityByMonth) {
    const result = await gateway.expect<ImportResult>(200, 'POST', '/cases/imports/city-12345', {
      body: {
        batchRef: `12345-${month}`,
        rows: entries.map((entry) => ({
          externalNo: `BJ${entry.day.replaceAll('-', '')}${String(entry.index).padStart(5, '0')}`,
          receivedAt: beijing(entry.day, 9, entry.index % 60),
          category: entry.topic.category,
          title: entry.topic.title,
          content: entry.topic.content,
          requesterName: '市民',
          requesterContact: `139${String(10_000_000 + entry.index).slice(-8)}`,
        })),
      },
    });
    if (result.rejected > 0)
      throw new Error(`The city batch of ${month} had ${result.rejected} rejected rows`);
    result.rows.forEach((row, position) =>
      ids.set((entries[position] as (typeof entries)[number]).index, row.caseId as string),
    );
    progress.tick(entries.length);
  }
  const channels = ['campus_hotline', 'web', 'email', 'in_person', 'letter'];
  await inParallel(
    plan.filter((entry) => !entry.city),
    6,
    async (entry) => {
      const created = await gateway.expect<{ case: { id: string } }>(201, 'POST', '/cases', {
        body: {
          kind: 'complaint',
          source: channels[entry.index % channels.length],
          category: entry.topic.category,
          title: entry.topic.title,
          content: entry.topic.content,
          requester: { name: '学生', contact: `138${String(10_000_000 + entry.index).slice(-8)}` },
          occurredAt: beijing(entry.day, 10, entry.index % 60),
        },
      });
      ids.set(entry.index, created.case.id);
      progress.tick();
    },
  );
  progress.finish(
    `${COMPLAINTS.city} from the city in ${cityByMonth.size} monthly batches, ${COMPLAINTS.campus} on campus`,
  );
  return plan.map((entry) => ({ id: ids.get(entry.index) as string, day: entry.day, topic: entry.topic }));
}

/**
 * The 接诉即办 loop for each complaint, at business times after it was received: dispatched to the
 * unit that owns the topic, accepted, the requester contacted within the response time, replied,
 * called back and closed. The last 20 of the year stay open: 12 still being handled and 8 whose
 * requester was unsatisfied (under supervision), which makes the seed's completion above 98 %.
 */
export async function workComplaints(
  gateway: GatewayClient,
  campus: Campus,
  complaints: { id: string; day: string; topic: (typeof TOPICS)[number] }[],
): Promise<ComplaintYear> {
  const unitByCode = new Map([...campus.units.values()].map((unit) => [unit.code, unit.id]));
  const open = COMPLAINTS.openInProgress + COMPLAINTS.openUnsatisfied;
  const progress = new Progress('complaints worked through the loop', complaints.length);
  const step = (id: string, name: string, body: Record<string, unknown>) =>
    gateway.expect(200, 'POST', `/cases/${id}/${name}`, { body });
  let closed = 0;
  // Complaints learns the units from permissions' events: the first dispatch waits until it has.
  const first = complaints[0] as (typeof complaints)[number];
  await gateway.until('the complaints service to know the units', async () => {
    const answer = await gateway.send('POST', `/cases/${first.id}/dispatch`, {
      body: { leadDepartmentId: unitByCode.get(first.topic.unit), occurredAt: beijing(first.day, 11) },
    });
    return answer.status === 200 ? true : null;
  });
  await inParallel(complaints, 6, async (complaint, index) => {
    const lead = unitByCode.get(complaint.topic.unit);
    if (index > 0)
      await step(complaint.id, 'dispatch', {
        leadDepartmentId: lead,
        occurredAt: beijing(complaint.day, 11),
      });
    await step(complaint.id, 'accept', { occurredAt: beijing(complaint.day, 14) });
    const stillOpen = index >= complaints.length - open;
    if (stillOpen && index < complaints.length - COMPLAINTS.openUnsatisfied) {
      progress.tick();
      return;
    }
    await step(complaint.id, 'contact', { occurredAt: beijing(complaint.day, 15) });
    const replied = addDays(complaint.day, 2 + (index % 4));
    await step(complaint.id, 'reply', {
      text: '已核实并处理，处理结果已告知诉求人。',
      occurredAt: beijing(replied, 16),
    });
    const calledBack = addDays(replied, 1);
    if (stillOpen) {
      await step(complaint.id, 'callback', {
        satisfaction: 'unsatisfied',
        resolution: 'unsolved',
        occurredAt: beijing(calledBack, 10),
      });
    } else {
      if (index % 10 !== 9) {
        await step(complaint.id, 'callback', {
          satisfaction: index % 12 === 0 ? 'basically_satisfied' : 'satisfied',
          resolution: index % 12 === 0 ? 'partly_solved' : 'solved',
          occurredAt: beijing(calledBack, 10),
        });
      }
      await step(complaint.id, 'close', { occurredAt: beijing(calledBack, 11) });
      closed += 1;
    }
    progress.tick();
  });
  progress.finish(`${closed} closed, ${complaints.length - closed} still open on 31 August`);
  return { ids: complaints.map((complaint) => complaint.id), received: complaints.length, closed };
}

/** 依申请公开: five applications, each registered the next day, answered well within 15 working days, closed. */
export async function answerApplications(gateway: GatewayClient): Promise<void> {
  const progress = new Progress('applications for disclosure', APPLICATIONS);
  for (let index = 0; index < APPLICATIONS; index += 1) {
    const day = addDays('2023-11-06', index * 56);
    const created = await gateway.expect<{ case: { id: string } }>(201, 'POST', '/cases', {
      body: {
        kind: 'application',
        source: index % 2 === 0 ? 'web' : 'letter',
        category: ['admissions', 'fees', 'personnel', 'research', 'admissions'][index],
        title: `信息公开申请（${index + 1}）`,
        content: '申请公开本学年相关工作的统计数据及依据文件。',
        requester: {
          name: index === 4 ? '某研究院' : '申请人',
          contact: 'apply@example.com',
          type: index === 4 ? 'research_institution' : 'natural_person',
        },
        occurredAt: beijing(day, 10),
      },
    });
    const id = created.case.id;
    await gateway.expect(200, 'POST', `/cases/${id}/register`, {
      body: { occurredAt: beijing(addDays(day, 1), 10) },
    });
    await gateway.expect(200, 'POST', `/cases/${id}/decide`, {
      body: {
        result: 'disclosed',
        replyText: '经审核，予以公开，相关信息见附件。',
        deliveredVia: 'email',
        occurredAt: beijing(addDays(day, 8), 15),
      },
    });
    await gateway.expect(200, 'POST', `/cases/${id}/close`, {
      body: { occurredAt: beijing(addDays(day, 9), 10) },
    });
    progress.tick();
  }
  progress.finish('all answered within their time limit, and closed');
}
