import { randomUUID } from 'node:crypto';
import type {
  CatalogueItem,
  Department,
  Page,
  Person,
  RoleBinding,
  Role,
  Round,
  Task,
} from '@gongkai/contracts';
import { waitFor, type RunningSystem } from '@gongkai/testing';
import { call, type HttpResult } from './walking-skeleton.e2e-helpers';

/**
 * How long a wait for an asynchronous effect may take (events between the services). Generous:
 * the machines running these tests are shared; nothing here measures speed.
 */
export const WAIT_MS = 180_000;

export interface Problem {
  status: number;
  code: string;
  reason?: string;
  detail: string;
  errors?: { in: string; pointer: string }[];
}

/**
 * A campus set up and worked through the gateway only: the bootstrap admin key sets up
 * departments, people and bindings, and acts for a person (`X-Acting-Person`) the way a campus
 * portal does for its signed-in user, so every decision is that person's.
 */
export class Campus {
  constructor(readonly system: RunningSystem) {}

  admin<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return call<T>(this.system, method, `/api/v1${path}`, { body, headers });
  }

  as<T>(
    personId: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return call<T>(this.system, method, `/api/v1${path}`, {
      body,
      headers: { 'x-acting-person': personId, ...headers },
    });
  }

  /**
   * A command as a careful campus system sends it: with an `Idempotency-Key`, retried with the
   * same key while the answer says to retry (503 busy, 504 timeout, 409 key still in use), so a
   * retry never applies the command twice. When the key says the command was applied but its
   * reply was lost (409 `reply_lost`), the resource is read back (`readBack`), as the problem asks.
   */
  async command<T>(personId: string, path: string, body: unknown, readBack: string): Promise<HttpResult<T>> {
    const key = randomUUID();
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.as<T>(personId, 'POST', path, body, { 'idempotency-key': key });
      const problem = result.body as { code?: string; details?: { state?: string } } | undefined;
      if (problem?.code === 'IDEMPOTENCY_KEY_IN_USE' && problem.details?.state === 'reply_lost') {
        return this.admin<T>('GET', readBack);
      }
      const retry =
        result.status === 503 || result.status === 504 || problem?.code === 'IDEMPOTENCY_KEY_IN_USE';
      if (!retry || attempt === 10) return result;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }

  expectStatus<T>(result: HttpResult<T>, status: number): T {
    // The body is in the message: a problem's detail says what went wrong.
    if (result.status !== status)
      throw new Error(`Expected ${status}, got ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  }

  async department(code: string, name: string): Promise<string> {
    return this.expectStatus(
      await this.admin<Department>('POST', '/departments', { code, name, type: 'office' }),
      201,
    ).id;
  }

  async person(staffNo: string, name: string, departmentId: string): Promise<string> {
    return this.expectStatus(
      await this.admin<Person>('POST', '/people', { staffNo, name, departmentId, identityType: 'staff' }),
      201,
    ).id;
  }

  async grant(personId: string, role: Role, departmentId: string | null): Promise<string> {
    return this.expectStatus(
      await this.admin<RoleBinding>('POST', '/role-bindings', {
        subjectType: 'person',
        subjectId: personId,
        role,
        departmentId,
        reason: '任命',
      }),
      201,
    ).id;
  }

  /** A new person of the department holding `role` there (school-wide for disclosure_admin). */
  async appoint(staffNo: string, name: string, role: Role, departmentId: string): Promise<string> {
    const personId = await this.person(staffNo, name, departmentId);
    await this.grant(personId, role, role === 'disclosure_admin' ? null : departmentId);
    return personId;
  }

  async items(): Promise<CatalogueItem[]> {
    return this.expectStatus(await this.admin<Page<CatalogueItem>>('GET', '/catalogue/items?limit=500'), 200)
      .items;
  }

  /** The item's lead department from `effectiveDate` (retried until the catalogue knows the department). */
  async assign(itemId: string, departmentId: string, effectiveDate: string): Promise<void> {
    await waitFor(
      async () =>
        (
          await this.admin('PUT', `/catalogue/items/${itemId}/responsibility`, {
            leadDepartmentId: departmentId,
            reason: '年度责任分工',
            effectiveDate,
          })
        ).status === 200,
      { what: `responsibility of item ${itemId}`, timeoutMs: WAIT_MS },
    );
  }

  /**
   * Creates and opens a round as `office`. Opening is retried while rounds has not yet heard of
   * the items (409, nothing changed), then waits until no task is waiting for a liaison rounds
   * has not heard of yet.
   */
  async openRound(office: string, body: Record<string, unknown>, expectFlagged = 0): Promise<Round> {
    const draft = this.expectStatus(await this.as<Round>(office, 'POST', '/rounds', body), 201);
    const opened = await waitFor(
      async () => {
        // Opened at the business time it was created at, when that was given.
        const result = await this.as<Round>(office, 'POST', `/rounds/${draft.id}/open`, {
          ...(body['occurredAt'] ? { occurredAt: body['occurredAt'] } : {}),
        });
        if (result.status === 200) return result.body;
        expect(result.status).toBe(409);
        return null;
      },
      { what: `round ${draft.name} opened`, timeoutMs: WAIT_MS },
    );
    await waitFor(
      async () => (await this.tasks(opened.id)).filter((task) => task.flagged).length === expectFlagged,
      { what: 'every task with its liaison', timeoutMs: WAIT_MS },
    );
    return opened;
  }

  async tasks(roundId: string, query = ''): Promise<Task[]> {
    return this.expectStatus(
      await this.admin<Page<Task>>('GET', `/rounds/${roundId}/tasks?limit=500${query}`),
      200,
    ).items;
  }

  async task(taskId: string): Promise<Task> {
    return this.expectStatus(await this.admin<Task>('GET', `/tasks/${taskId}`), 200);
  }

  async taskWhen(taskId: string, done: (task: Task) => boolean, what: string): Promise<Task> {
    return waitFor(
      async () => {
        const task = await this.task(taskId);
        return done(task) ? task : null;
      },
      { what, timeoutMs: WAIT_MS },
    );
  }
}

/** An item's content as a department writes it. */
export function content(title: string, body: string) {
  return { title, summary: '', body, documents: [], attachments: [], channels: ['disclosure_site'] };
}
