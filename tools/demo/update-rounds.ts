import type { CatalogueItem, Page, Round, Task } from '@gongkai/contracts';
import type { Campus } from './campus-setup';
import type { GatewayClient } from './gateway-client';
import { inParallel, Progress } from './progress';
import { ACADEMIC_YEAR, beijing, type RoundPlan } from './seed-year';

/**
 * Which items each round updates: every item but one in each of the five largest categories gets a
 * new version in the year (so all ten categories are kept current); the autumn round takes the first
 * 15 of them plus the 5 left over (unchanged), the spring round all 50 items with the other 30 updated.
 */
export function planUpdates(items: CatalogueItem[]): {
  autumn: { scope: string[]; updated: Set<string> };
  spring: Set<string>;
} {
  const byCategory = new Map<string, CatalogueItem[]>();
  for (const item of items)
    byCategory.set(item.categoryCode, [...(byCategory.get(item.categoryCode) ?? []), item]);
  const largest = [...byCategory.values()].sort((a, b) => b.length - a.length).slice(0, 5);
  const resting = new Set(largest.map((group) => (group[0] as CatalogueItem).id));
  const updated = items.filter((item) => !resting.has(item.id)).map((item) => item.id);
  const autumn = updated.slice(0, 15);
  return {
    autumn: { scope: [...autumn, ...resting], updated: new Set(autumn) },
    spring: new Set(updated.slice(15)),
  };
}

/** 信息公开网 always; the university's and colleges' sites, WeChat, Weibo and Douyin as the seed lists them. */
function channelsFor(itemCode: string): string[] {
  const extra = [
    ['university_site'],
    ['university_site', 'wechat'],
    ['college_site'],
    ['wechat', 'weibo'],
    ['douyin'],
  ];
  const digits = Number(itemCode.replace(/\D/g, '')) || 0;
  return ['disclosure_site', ...(extra[digits % extra.length] as string[])];
}

/** One round as the office and the units work it: notice, every task submitted, reviewed, approved, closed. */
export async function workRound(
  gateway: GatewayClient,
  campus: Campus,
  plan: RoundPlan,
  scope: string[] | 'all',
  updated: Set<string>,
): Promise<Round> {
  const office = campus.officeHead;
  const draft = await gateway.expect<Round>(201, 'POST', '/rounds', {
    as: office,
    body: {
      name: plan.name,
      academicYear: ACADEMIC_YEAR,
      half: plan.half,
      noticeText: plan.noticeText,
      noticeDate: plan.noticeDate,
      deadline: { workingDaysAfterNotice: 10 },
      ...(scope === 'all' ? {} : { scope: { itemIds: scope } }),
      occurredAt: beijing(plan.noticeDate, 9),
    },
  });
  // Rounds keeps its own copy of the catalogue from events: opening waits until it has every item.
  const round = await gateway.until(`${plan.name} opened`, async () => {
    const answer = await gateway.send<Round>('POST', `/rounds/${draft.id}/open`, {
      as: office,
      body: { occurredAt: beijing(plan.noticeDate, 9) },
    });
    return answer.status === 200 ? answer.body : null;
  });
  const tasks = await gateway.until('every task with its liaison', async () => {
    const page = await gateway.expect<Page<Task>>(200, 'GET', `/rounds/${round.id}/tasks?limit=500`);
    return page.items.length === round.taskCount &&
      page.items.every((task) => task.assigneeId && !task.flagged)
      ? page.items
      : null;
  });
  const progress = new Progress(`${plan.name} (${tasks.length} tasks)`, tasks.length);
  await inParallel(tasks, 6, async (task, index) => {
    await workTask(gateway, campus, task, plan, updated.has(task.itemId), index === 0);
    progress.tick();
  });
  await gateway.until(`every task of ${plan.name} published`, async () => {
    const page = await gateway.expect<Page<Task>>(200, 'GET', `/rounds/${round.id}/tasks?limit=500`);
    return page.items.every((task) => task.status === 'published') ? true : null;
  });
  const closed = await gateway.expect<Round>(200, 'POST', `/rounds/${round.id}/close`, {
    as: office,
    body: { occurredAt: plan.closed },
  });
  progress.finish(
    `notice ${plan.noticeDate}, deadline ${closed.deadline}, ${closed.summary?.updated ?? '?'} updated, ` +
      `${closed.summary?.unchanged ?? '?'} unchanged`,
  );
  return closed;
}

/** Submit (the liaison) → 保密审查 (the unit's reviewer) → approve (the office), at the plan's times. */
async function workTask(
  gateway: GatewayClient,
  campus: Campus,
  task: Task,
  plan: RoundPlan,
  changed: boolean,
  returnedOnce: boolean,
): Promise<void> {
  const unit = campus.units.get(task.departmentId);
  const reviewer = unit?.reviewers[0];
  if (!task.assigneeId || !reviewer) throw new Error(`Nobody works task ${task.id} of ${task.departmentId}`);
  const submit = (occurredAt: string) =>
    gateway.expect(200, 'POST', `/tasks/${task.id}/submit`, {
      as: task.assigneeId as string,
      body: changed
        ? {
            content: {
              title: task.itemTitle,
              summary: `${unit.name}按清单要求更新`,
              body: `${task.itemTitle}\n本学期更新：依据最新文件修订相关内容。`,
              documents: [],
              attachments: [],
              channels: channelsFor(task.itemCode),
            },
            occurredAt,
          }
        : { noChange: true, noChangeReason: '本轮核查，信息无变化', occurredAt },
    });
  await submit(plan.submitted);
  if (returnedOnce) {
    await gateway.expect(200, 'POST', `/tasks/${task.id}/return`, {
      as: campus.officeHead,
      body: { comments: '请补充依据文件后重新提交', occurredAt: plan.submitted.replace('T02:', 'T07:') },
    });
    await submit(plan.reviewed.replace(/T\d\d:/, 'T01:'));
  }
  await gateway.expect(200, 'POST', `/tasks/${task.id}/review`, {
    as: reviewer,
    body: {
      secrecyReviewerName: `${unit.name}保密审查员`,
      secrecyDecision: 'cleared',
      occurredAt: plan.reviewed,
    },
  });
  await gateway.expect(200, 'POST', `/tasks/${task.id}/approve`, {
    as: campus.officeHead,
    body: { occurredAt: plan.approved },
  });
}
