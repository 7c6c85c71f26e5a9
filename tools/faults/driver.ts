import type { CommandResult, GatewayClient } from './gateway-client';

/**
 * One unit of work, as campus systems send it: a new department (permissions; its event reaches
 * the projections of catalogue, rounds and complaints), a complaint case (complaints) dispatched
 * to it once complaints has heard of it, and three commands that must be refused and change
 * nothing: the department code again, a case with an unknown category, a callback on a case that
 * has no reply yet.
 */
export interface Unit {
  n: number;
  departmentCode: string;
  caseTitle: string;
  badCaseTitle: string;
  department?: CommandResult<{ id: string }>;
  departmentAgain?: CommandResult;
  complaint?: CommandResult<{ case: { id: string } }>;
  dispatch?: CommandResult;
  badCase?: CommandResult;
  earlyCallback?: CommandResult;
}

export interface Ledger {
  units: Unit[];
}

export function commandsOf(unit: Unit): CommandResult[] {
  return [
    unit.department,
    unit.departmentAgain,
    unit.complaint,
    unit.dispatch,
    unit.badCase,
    unit.earlyCallback,
  ].filter((result): result is CommandResult => result !== undefined);
}

const UNKNOWN_DEPARTMENT = /department/i;

export async function runUnit(client: GatewayClient, tag: string, n: number): Promise<Unit> {
  const unit: Unit = {
    n,
    departmentCode: `F${tag}${n}`.toUpperCase(),
    caseTitle: `故障演练 ${tag}-${n}：宿舍热水器坏了`,
    badCaseTitle: `故障演练 ${tag}-${n}：不存在的类别`,
  };
  unit.department = await client.command<{ id: string }>('/api/v1/departments', {
    code: unit.departmentCode,
    name: `故障演练部门 ${n}`,
    type: 'office',
  });
  unit.complaint = await client.command<{ case: { id: string } }>('/api/v1/cases', {
    kind: 'complaint',
    source: 'campus_hotline',
    category: 'logistics',
    title: unit.caseTitle,
    content: '5号楼热水器坏了一周，无人维修。',
    requester: { name: '王五', contact: '13800138000' },
  });
  unit.badCase = await client.command('/api/v1/cases', {
    kind: 'complaint',
    source: 'campus_hotline',
    category: 'weather',
    title: unit.badCaseTitle,
    content: '天气不好。',
    requester: { name: '王五', contact: '13800138000' },
  });
  if (unit.department.outcome === 'accepted') {
    unit.departmentAgain = await client.command('/api/v1/departments', {
      code: unit.departmentCode,
      name: `故障演练部门 ${n}（重复）`,
      type: 'office',
    });
  }
  const caseId = unit.complaint.outcome === 'accepted' ? unit.complaint.body.case.id : null;
  const departmentId = unit.department.outcome === 'accepted' ? unit.department.body.id : null;
  if (caseId && departmentId) {
    // complaints learns the department from permissions' event: until then it refuses the dispatch.
    const learnBy = Date.now() + 120_000;
    unit.dispatch = await client.command(
      `/api/v1/cases/${caseId}/dispatch`,
      { leadDepartmentId: departmentId },
      {
        retryIf: (status, body) =>
          status >= 400 &&
          status < 500 &&
          Date.now() < learnBy &&
          UNKNOWN_DEPARTMENT.test(JSON.stringify(body)),
      },
    );
    unit.earlyCallback = await client.command(`/api/v1/cases/${caseId}/callback`, {
      satisfaction: 'satisfied',
      resolution: 'solved',
    });
  }
  return unit;
}

/** Runs units on `workers` concurrent callers until `stop()` resolves true. */
export async function drive(options: {
  client: GatewayClient;
  tag: string;
  workers: number;
  ledger: Ledger;
  shouldStop: () => boolean;
}): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: options.workers }, async () => {
      while (!options.shouldStop()) {
        const n = next++;
        options.ledger.units.push(await runUnit(options.client, options.tag, n));
      }
    }),
  );
}
