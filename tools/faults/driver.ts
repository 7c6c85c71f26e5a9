import type { CommandResult, GatewayClient } from './gateway-client';

/**
 * The commands of one unit of work, by step. Steps named `refused…` must be refused and change
 * nothing; every other step is the happy path and must be accepted (a refusal is listed as a
 * failure: the system said no to what it should have done).
 */
export const STEPS = [
  // permissions: the department, its liaison (also the complaint handler) and its reviewer
  'department',
  'refusedDepartmentAgain',
  'liaison',
  'reviewer',
  'liaisonRole',
  'handlerRole',
  'reviewerRole',
  // complaints: the 接诉即办 loop to its end
  'complaint',
  'refusedBadCase',
  'dispatch',
  'refusedEarlyCallback',
  'accept',
  'reply',
  'callback',
  'close',
  // catalogue and rounds: an item of the department updated in a round, published once
  'item',
  'refusedItemAgain',
  'round',
  'open',
  'refusedEarlyApprove',
  'submit',
  'review',
  'approve',
  'closeRound',
] as const;
export type Step = (typeof STEPS)[number];

export const isRefusalStep = (step: Step) => step.startsWith('refused');

/**
 * One unit of work, as campus systems send it: a new department (permissions; its event reaches
 * the projections of catalogue, rounds and complaints) with a liaison and a reviewer; a complaint
 * case dispatched to it once complaints has heard of it, accepted and answered by its handler,
 * called back and closed; a catalogue item it is responsible for, in an update round of its own
 * that the liaison submits, the reviewer reviews and the office approves, so the catalogue
 * publishes it once; and four commands that must be refused and change nothing.
 */
export interface Unit {
  n: number;
  departmentCode: string;
  liaisonStaffNo: string;
  reviewerStaffNo: string;
  caseTitle: string;
  badCaseTitle: string;
  itemCode: string;
  roundName: string;
  /** Ids the client was told (the checker compares them with what is stored). */
  ids: {
    department?: string;
    liaison?: string;
    reviewer?: string;
    case?: string;
    item?: string;
    round?: string;
    task?: string;
  };
  steps: Partial<Record<Step, CommandResult>>;
  /** Why the unit stopped short of its end (a step refused or unresolved, a wait that ran out). */
  stoppedAt?: string;
}

export interface Ledger {
  units: Unit[];
}

/** The office that runs rounds and approves tasks, set up once before the chaos starts. */
export interface Office {
  personId: string;
}

export function commandsOf(unit: Unit): CommandResult[] {
  return STEPS.map((step) => unit.steps[step]).filter(
    (result): result is CommandResult => result !== undefined,
  );
}

/** How long the driver waits for one service to hear of another's change (events across a killed system). */
const LEARN_MS = 300_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry a 4xx while its reason says a service has not heard of something yet, within LEARN_MS. */
function whileLearning(...reasons: string[]) {
  const until = Date.now() + LEARN_MS;
  return (status: number, body: unknown) =>
    status >= 400 &&
    status < 500 &&
    Date.now() < until &&
    reasons.includes(String((body as { reason?: string } | null)?.reason ?? ''));
}

/** Today in Asia/Shanghai (the notice date of the round). */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function academicYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

class UnitRun {
  constructor(
    readonly client: GatewayClient,
    readonly unit: Unit,
  ) {}

  /** Sends a step's command; true when it was applied and its reply is in hand. */
  async step<T>(
    step: Step,
    path: string,
    body: unknown,
    options: { as?: string; retryIf?: (status: number, body: unknown) => boolean } = {},
  ): Promise<T | null> {
    const result = await this.client.command<T>(path, body, {
      retryIf: options.retryIf,
      headers: options.as ? { 'x-acting-person': options.as } : undefined,
    });
    this.unit.steps[step] = result;
    if (result.outcome === 'accepted') return result.body;
    // reply-lost: applied, its reply gone; the checker finds its effect, the unit goes no further.
    if (!isRefusalStep(step)) this.unit.stoppedAt ??= `${step}: ${result.outcome} ${result.status}`;
    return null;
  }

  /** Polls a read until `done` holds (or LEARN_MS passes: then the unit stops there). */
  async waitUntil(what: string, path: string, done: (body: unknown) => boolean): Promise<boolean> {
    const until = Date.now() + LEARN_MS;
    while (Date.now() < until) {
      const answer = await this.client.send('GET', path, { timeoutMs: 10_000 });
      if (answer.status === 200 && done(answer.body)) return true;
      await sleep(500);
    }
    this.unit.stoppedAt ??= `waited ${LEARN_MS / 1000} s for ${what}`;
    return false;
  }
}

export async function runUnit(client: GatewayClient, office: Office, tag: string, n: number): Promise<Unit> {
  const code = `F${tag}${n}`.toUpperCase();
  const unit: Unit = {
    n,
    departmentCode: code,
    liaisonStaffNo: `${code}L`,
    reviewerStaffNo: `${code}R`,
    caseTitle: `故障演练 ${tag}-${n}：宿舍热水器坏了`,
    badCaseTitle: `故障演练 ${tag}-${n}：不存在的类别`,
    itemCode: `${code}-ITEM`,
    roundName: `故障演练 ${tag}-${n}：本部门目录更新`,
    ids: {},
    steps: {},
  };
  const run = new UnitRun(client, unit);
  const department = await run.step<{ id: string }>('department', '/api/v1/departments', {
    code,
    name: `故障演练部门 ${n}`,
    type: 'office',
  });
  if (!department) return unit;
  unit.ids.department = department.id;
  await run.step('refusedDepartmentAgain', '/api/v1/departments', {
    code,
    name: `故障演练部门 ${n}（重复）`,
    type: 'office',
  });
  const people = staffOf(run, department.id);
  await Promise.all([
    complaintLoop(run, department.id, people),
    roundOfItem(run, office, department.id, people),
  ]);
  return unit;
}

interface Staff {
  liaison: string;
  reviewer: string;
}

/** The department's liaison (also its complaint handler) and reviewer, each with their roles. */
async function staffOf(run: UnitRun, departmentId: string): Promise<Staff | null> {
  const person = (step: 'liaison' | 'reviewer', staffNo: string, name: string) =>
    run.step<{ id: string }>(step, '/api/v1/people', { staffNo, name, departmentId, identityType: 'staff' });
  const grant = (step: Step, subjectId: string, role: string) =>
    run.step(step, '/api/v1/role-bindings', {
      subjectType: 'person',
      subjectId,
      role,
      departmentId,
      reason: '故障演练任命',
    });
  const [liaison, reviewer] = await Promise.all([
    person('liaison', run.unit.liaisonStaffNo, '信息员'),
    person('reviewer', run.unit.reviewerStaffNo, '审核人'),
  ]);
  if (liaison) run.unit.ids.liaison = liaison.id;
  if (reviewer) run.unit.ids.reviewer = reviewer.id;
  if (!liaison || !reviewer) return null;
  const granted = await Promise.all([
    grant('liaisonRole', liaison.id, 'dept_liaison'),
    grant('handlerRole', liaison.id, 'complaint_handler'),
    grant('reviewerRole', reviewer.id, 'dept_reviewer'),
  ]);
  return granted.every((answer) => answer !== null) ? { liaison: liaison.id, reviewer: reviewer.id } : null;
}

/** 接诉即办: received → dispatched → accepted → replied → called back → closed. */
async function complaintLoop(
  run: UnitRun,
  departmentId: string,
  people: Promise<Staff | null>,
): Promise<void> {
  const { unit } = run;
  const created = await run.step<{ case: { id: string } }>('complaint', '/api/v1/cases', {
    kind: 'complaint',
    source: 'campus_hotline',
    category: 'logistics',
    title: unit.caseTitle,
    content: '5号楼热水器坏了一周，无人维修。',
    requester: { name: '王五', contact: '13800138000' },
  });
  await run.step('refusedBadCase', '/api/v1/cases', {
    kind: 'complaint',
    source: 'campus_hotline',
    category: 'weather',
    title: unit.badCaseTitle,
    content: '天气不好。',
    requester: { name: '王五', contact: '13800138000' },
  });
  if (!created) return;
  const caseId = created.case.id;
  unit.ids.case = caseId;
  const path = (step: string) => `/api/v1/cases/${caseId}/${step}`;
  // complaints learns the department from permissions' event: until then it refuses the dispatch.
  if (
    !(await run.step(
      'dispatch',
      path('dispatch'),
      { leadDepartmentId: departmentId },
      { retryIf: whileLearning('DEPARTMENT_UNKNOWN') },
    ))
  )
    return;
  await run.step('refusedEarlyCallback', path('callback'), {
    satisfaction: 'satisfied',
    resolution: 'solved',
  });
  const handler = (await people)?.liaison;
  if (!handler) return;
  if (!(await run.step('accept', path('accept'), {}, { as: handler }))) return;
  if (!(await run.step('reply', path('reply'), { text: '已更换热水器，请再试。' }, { as: handler }))) return;
  if (!(await run.step('callback', path('callback'), { satisfaction: 'satisfied', resolution: 'solved' })))
    return;
  await run.step('close', path('close'), {});
}

interface TaskView {
  id: string;
  status: string;
  assigneeId: string | null;
  flagged: boolean;
}

/** An item of the department in a round of its own: open → submit → review → approve → published → closed. */
async function roundOfItem(
  run: UnitRun,
  office: Office,
  departmentId: string,
  people: Promise<Staff | null>,
): Promise<void> {
  const { unit } = run;
  const itemBody = {
    code: unit.itemCode,
    title: `故障演练事项 ${unit.n}：宿舍维修情况`,
    categoryCode: '06',
    leadDepartmentId: departmentId,
  };
  // The catalogue learns the department from permissions' event: until then the lead is unknown.
  const item = await run.step<{ id: string }>('item', '/api/v1/catalogue/items', itemBody, {
    retryIf: whileLearning('UNKNOWN_REFERENCE'),
  });
  if (!item) return;
  unit.ids.item = item.id;
  await run.step('refusedItemAgain', '/api/v1/catalogue/items', {
    ...itemBody,
    title: `${itemBody.title}（重复）`,
  });
  const noticeDate = shanghaiToday();
  const round = await run.step<{ id: string }>(
    'round',
    '/api/v1/rounds',
    {
      name: unit.roundName,
      academicYear: academicYearOf(noticeDate),
      half: Number(noticeDate.slice(5, 7)) >= 3 && Number(noticeDate.slice(5, 7)) <= 8 ? 'spring' : 'autumn',
      noticeText: '请于截止日期前完成本部门负责事项的更新。',
      noticeDate,
      deadline: { workingDaysAfterNotice: 10 },
      scope: { itemIds: [item.id] },
    },
    { as: office.personId },
  );
  if (!round) return;
  unit.ids.round = round.id;
  // rounds learns the item (and its lead department) from the catalogue's events.
  if (
    !(await run.step(
      'open',
      `/api/v1/rounds/${round.id}/open`,
      {},
      {
        as: office.personId,
        retryIf: whileLearning('ROUND_SCOPE_UNKNOWN_ITEMS', 'ROUND_SCOPE_EMPTY'),
      },
    ))
  )
    return;
  const staffed = await people;
  if (!staffed) return;
  // The task goes to the department's liaison once rounds has heard of the binding.
  let task: TaskView | undefined;
  const assigned = await run.waitUntil(
    'the task to have its liaison',
    `/api/v1/rounds/${round.id}/tasks?limit=10`,
    (body) => {
      task = (body as { items: TaskView[] }).items[0];
      return task?.assigneeId === staffed.liaison;
    },
  );
  if (!assigned || !task) return;
  const taskPath = (step: string) => `/api/v1/tasks/${task?.id}/${step}`;
  unit.ids.task = task.id;
  await run.step('refusedEarlyApprove', taskPath('approve'), {}, { as: office.personId });
  const submitted = await run.step(
    'submit',
    taskPath('submit'),
    {
      content: {
        title: `故障演练事项 ${unit.n}（本轮更新）`,
        summary: '',
        body: '宿舍维修：报修后48小时内上门。',
        documents: [],
        attachments: [],
        channels: ['disclosure_site'],
      },
    },
    { as: staffed.liaison, retryIf: whileLearning('NOT_TASK_LIAISON') },
  );
  if (!submitted) return;
  const reviewed = await run.step(
    'review',
    taskPath('review'),
    { secrecyReviewerName: '部门保密审查员', secrecyDecision: 'cleared' },
    { as: staffed.reviewer, retryIf: whileLearning('NOT_TASK_REVIEWER') },
  );
  if (!reviewed) return;
  if (!(await run.step('approve', taskPath('approve'), {}, { as: office.personId }))) return;
  // The catalogue publishes on rounds' event and rounds hears back: then the round can close.
  const published = await run.waitUntil(
    'the task to be published',
    `/api/v1/tasks/${task.id}`,
    (body) => (body as TaskView).status === 'published',
  );
  if (!published) return;
  await run.step('closeRound', `/api/v1/rounds/${round.id}/close`, {}, { as: office.personId });
}

/** The disclosure office and its head (disclosure_admin), who run the rounds; before the chaos. */
export async function setUpOffice(client: GatewayClient, tag: string): Promise<Office> {
  const need = <T>(what: string, result: CommandResult<T>): T => {
    if (result.outcome !== 'accepted')
      throw new Error(
        `setting up the office: ${what} ended ${result.outcome} ${result.status} ${JSON.stringify(result.body)}`,
      );
    return result.body;
  };
  const office = need(
    'the office',
    await client.command<{ id: string }>('/api/v1/departments', {
      code: `XXGK${tag}`.toUpperCase(),
      name: '信息公开办公室',
      type: 'office',
    }),
  );
  const head = need(
    'its head',
    await client.command<{ id: string }>('/api/v1/people', {
      staffNo: `GK${tag}`.toUpperCase(),
      name: '张主任',
      departmentId: office.id,
      identityType: 'staff',
    }),
  );
  need(
    'the disclosure_admin role',
    await client.command('/api/v1/role-bindings', {
      subjectType: 'person',
      subjectId: head.id,
      role: 'disclosure_admin',
      departmentId: null,
      reason: '任命',
    }),
  );
  return { personId: head.id };
}

/** Runs units on `workers` concurrent callers until `shouldStop()` says so. */
export async function drive(options: {
  client: GatewayClient;
  office: Office;
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
        options.ledger.units.push(await runUnit(options.client, options.office, options.tag, n));
      }
    }),
  );
}
