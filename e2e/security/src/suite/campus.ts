import { randomUUID } from 'node:crypto';
import { createHmac } from 'node:crypto';
import { waitFor } from '@gongkai/testing';
import type { Persona, SuiteHttp, Answer } from './http';

export const JWT_SECRET = 'security-suite-jwt-secret-0123456789abcdef';
export const JWT_ISSUER = 'gongkai-security-suite';

/** Objects of one department, each the target of the cases that take its id. */
export interface DepartmentObjects {
  code: string;
  departmentId: string;
  /** A person of the department without roles (the target of person routes). */
  personId: string;
  /** A binding of that person (dept_liaison here), expendable. */
  bindingId: string;
  /** An open permission request for that person in the department. */
  permissionRequestId: string;
  itemId: string;
  publicationId: string;
  taskId: string;
  complaintId: string;
  complaintTrackingNo: string;
  applicationId: string;
  /** People holding each department role here: role → person id. */
  holders: Record<string, string>;
}

export interface CampusFixture {
  baseUrl: string;
  adminKey: string;
  natsPrefix: string;
  runId: string;
  /**
   * A, B: the two departments of the object-level cases (which change nothing); afterwards the
   * office's own cases (mass assignment, limits, hostile text, fuzz) work on A's objects. F: only
   * the function-level cases, so every role finds F's objects as set up.
   */
  departments: Record<'A' | 'B' | 'F', DepartmentObjects>;
  roundId: string;
  /** School-wide role → the person holding it. */
  schoolWide: Record<string, string>;
  /** A signed-in person with no roles at all. */
  nobodyId: string;
  /** API clients: campus_client (bound school-wide), one without roles, one to revoke. */
  clients: { campus: { id: string; key: string }; noRoles: { id: string; key: string }; victimId: string };
  categoryCode: string;
  academicYear: string;
}

/** An HS256 bearer token for a person, as this installation issues them. */
export function bearerTokenFor(personId: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: personId, iss: JWT_ISSUER, aud: 'gongkai-api', iat: now, exp: now + 3000 };
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

let address = 10;
/** Each persona its own client address (the gateway trusts 127.0.0.1 as a proxy): own rate budget. */
const nextAddress = () => `10.77.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

export const personPersona = (name: string, personId: string): Persona => ({
  name,
  headers: { authorization: `Bearer ${bearerTokenFor(personId)}`, 'x-forwarded-for': nextAddress() },
});
export const clientPersona = (name: string, key: string): Persona => ({
  name,
  headers: { 'x-api-key': key, 'x-forwarded-for': nextAddress() },
});
export const adminPersona = (fixture: Pick<CampusFixture, 'adminKey'>): Persona =>
  clientPersona('bootstrap admin', fixture.adminKey);
export const anonymous = (): Persona => ({
  name: 'anonymous',
  headers: { 'x-forwarded-for': nextAddress() },
});

function expectStatus<T>(answer: Answer<T>, status: number, what: string): T {
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  return answer.body;
}

/**
 * Sets up the campus the cases run against, through the API as the bootstrap admin, the way the
 * office would: three departments (A and B swap ids; F is where every role is tested), a holder
 * of every role, API clients, and in each department an item with a draft, a round task, a
 * complaint dispatched to it and an application, a person with a binding and a permission request.
 */
export async function setUpCampus(
  http: SuiteHttp,
  base: Omit<
    CampusFixture,
    'departments' | 'roundId' | 'schoolWide' | 'nobodyId' | 'clients' | 'categoryCode' | 'academicYear'
  >,
  roles: { all: string[]; departmentScoped: Set<string> },
): Promise<CampusFixture> {
  const admin = adminPersona(base);
  const post = <T>(path: string, body: unknown, status = 201) =>
    http
      .send<T>({ method: 'POST', path: `/api/v1${path}`, body, as: admin })
      .then((answer) => expectStatus(answer, status, `POST ${path}`));
  const get = <T>(path: string) =>
    http
      .send<T>({ method: 'GET', path: `/api/v1${path}`, as: admin })
      .then((answer) => expectStatus(answer, 200, `GET ${path}`));
  let staffNo = 0;
  const person = async (name: string, departmentId: string) =>
    (
      await post<{ id: string }>('/people', {
        staffNo: `SS${String(++staffNo).padStart(4, '0')}`,
        name,
        departmentId,
        identityType: 'staff',
      })
    ).id;
  const grant = async (
    subjectType: 'person' | 'client',
    subjectId: string,
    role: string,
    departmentId: string | null,
  ) =>
    (
      await post<{ id: string }>('/role-bindings', {
        subjectType,
        subjectId,
        role,
        departmentId,
        reason: '安全测试任命',
      })
    ).id;

  const names = { A: ['JWC', '教务处'], B: ['XSC', '学生处'], F: ['XXB', '信息化办公室'] } as const;
  const departmentIds: Record<string, string> = {};
  for (const [key, [code, name]] of Object.entries(names))
    departmentIds[key] = (await post<{ id: string }>('/departments', { code, name, type: 'office' })).id;

  const schoolWide: Record<string, string> = {};
  for (const role of roles.all.filter(
    (role) => !roles.departmentScoped.has(role) && role !== 'campus_client',
  )) {
    schoolWide[role] = await person(`全校${role}`, departmentIds['F'] as string);
    await grant('person', schoolWide[role] as string, role, null);
  }
  const nobodyId = await person('无角色教师', departmentIds['F'] as string);
  const campusClient = await post<{ apiKey: string; client: { id: string } }>('/api-clients', {
    name: '信息公开门户',
  });
  await grant('client', campusClient.client.id, 'campus_client', null);
  const noRolesClient = await post<{ apiKey: string; client: { id: string } }>('/api-clients', {
    name: '无角色系统',
  });
  const victim = await post<{ client: { id: string } }>('/api-clients', { name: '待吊销系统' });

  const items = (
    await get<{ items: { id: string; code: string; status: string }[] }>('/catalogue/items?limit=500')
  ).items;
  const departments = {} as Record<'A' | 'B' | 'F', DepartmentObjects>;
  const keys = ['A', 'B', 'F'] as const;
  for (const [index, key] of keys.entries()) {
    const departmentId = departmentIds[key] as string;
    const holders: Record<string, string> = {};
    for (const role of roles.all.filter((role) => roles.departmentScoped.has(role))) {
      holders[role] = await person(`${names[key][1]}${role}`, departmentId);
      await grant('person', holders[role] as string, role, departmentId);
    }
    const personId = await person(`${names[key][1]}职员`, departmentId);
    const bindingId = await grant('person', personId, 'dept_liaison', departmentId);
    const permissionRequestId = (
      await post<{ id: string }>('/permission-requests', {
        subjectType: 'person',
        subjectId: personId,
        role: 'dept_reviewer',
        departmentId,
        reason: '申请担任部门审核人',
      })
    ).id;
    const item = items[10 + index] as { id: string };
    await waitFor(
      async () =>
        (
          await http.send({
            method: 'PUT',
            path: `/api/v1/catalogue/items/${item.id}/responsibility`,
            as: admin,
            body: {
              leadDepartmentId: departmentId,
              reason: '年度责任分工',
              effectiveDate: new Date().toISOString().slice(0, 10),
            },
          })
        ).status === 200,
      { what: `responsibility of ${item.id}`, timeoutMs: 120_000 },
    );
    const publicationId = (
      await post<{ id: string }>(`/catalogue/items/${item.id}/publications`, {
        title: `${names[key][1]}年度工作要点（草稿）`,
        body: '未定稿的内容',
        channels: ['disclosure_site'],
      })
    ).id;
    const complaint = await post<{ case: { id: string; trackingNo: string } }>('/cases', {
      kind: 'complaint',
      source: 'web',
      category: 'teaching',
      title: `${names[key][1]}办事难`,
      content: '窗口排队时间过长。',
      requester: { name: '张三', contact: 'zhangsan@example.com' },
    });
    const application = await post<{ case: { id: string } }>('/cases', {
      kind: 'application',
      source: 'email',
      category: 'fees',
      title: '申请公开学费收支明细',
      content: '申请公开2024年学费收支明细。',
      requester: { name: '李四', contact: 'lisi@example.com', type: 'natural_person' },
    });
    // The complaint is dispatched to the department (once complaints knows it from permissions'
    // events); applications (依申请公开) have no department: the office handles them school-wide.
    await waitFor(
      async () => {
        const answer = await http.send({
          method: 'POST',
          path: `/api/v1/cases/${complaint.case.id}/dispatch`,
          as: admin,
          body: { leadDepartmentId: departmentId },
        });
        if (answer.status !== 200 && answer.status !== 400 && answer.status !== 404)
          throw new Error(`dispatch: ${answer.status} ${answer.text}`);
        return answer.status === 200;
      },
      { what: `dispatch of ${complaint.case.id}`, timeoutMs: 120_000 },
    );
    departments[key] = {
      code: names[key][0],
      departmentId,
      personId,
      bindingId,
      permissionRequestId,
      itemId: item.id,
      publicationId,
      taskId: '',
      complaintId: complaint.case.id,
      complaintTrackingNo: complaint.case.trackingNo,
      applicationId: application.case.id,
      holders,
    };
  }

  const academicYear = '2025-2026';
  const round = await post<{ id: string }>('/rounds', {
    name: '安全测试更新轮次',
    academicYear,
    half: 'autumn',
    noticeText: '各单位：请完成本单位负责事项的更新。',
    noticeDate: new Date().toISOString().slice(0, 10),
    deadline: { workingDaysAfterNotice: 10 },
    scope: { itemIds: keys.map((key) => departments[key].itemId) },
  });
  await waitFor(
    async () => {
      const answer = await http.send({
        method: 'POST',
        path: `/api/v1/rounds/${round.id}/open`,
        as: admin,
        body: {},
      });
      if (answer.status === 200) return true;
      if (answer.status !== 409) throw new Error(`opening the round: ${answer.status} ${answer.text}`);
      return false;
    },
    { what: 'the round opened', timeoutMs: 120_000 },
  );
  const tasks = (
    await get<{ items: { id: string; departmentId: string }[] }>(`/rounds/${round.id}/tasks?limit=500`)
  ).items;
  for (const key of keys) {
    const task = tasks.find((candidate) => candidate.departmentId === departments[key].departmentId);
    if (!task) throw new Error(`no task for department ${key}`);
    departments[key].taskId = task.id;
  }
  const categoryCode = `sec-${randomUUID().slice(0, 8)}`;
  return {
    ...base,
    departments,
    roundId: round.id,
    schoolWide,
    nobodyId,
    clients: {
      campus: { id: campusClient.client.id, key: campusClient.apiKey },
      noRoles: { id: noRolesClient.client.id, key: noRolesClient.apiKey },
      victimId: victim.client.id,
    },
    categoryCode,
    academicYear,
  };
}
