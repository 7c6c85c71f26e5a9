import { join } from 'node:path';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import {
  BindingEndedV1,
  BindingGrantedV1,
  CatalogueItemCreatedV1,
  CatalogueRpc,
  DepartmentCreatedV1,
  DepartmentDissolvedV1,
  DepartmentMergedV1,
  ItemConfirmedV1,
  PermissionsSubjects,
  PersonCreatedV1,
  PersonIdentityChangedV1,
  PublicationPublishedV1,
  ROLE_DEFINITIONS,
  ResponsibilityRevisedV1,
  RoundsRpc,
  type Action,
  type ApprovedContent,
  type BindingEndReason,
  type CheckPermission,
  type Decision,
  type EventDefinition,
  type EventEnvelope,
  type Publication,
  type RequestMeta,
  type Role,
  type Round,
  type RpcBody,
  type RpcDefinition,
  type RpcResult,
} from '@gongkai/contracts';
import { serveRpc } from '@gongkai/messaging';
import { Clock, MessagingLifecycle } from '@gongkai/service-kit';
import {
  buildTestEnvelope,
  publishTestEvent,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import { AppModule } from '../../src/app/app.module';
import { loadRoundsConfig } from '../../src/app/config/rounds-config';

export const PRISMA_DIR = join(__dirname, '..', '..', 'prisma');

/** The built-in content of a submission, in Chinese as the departments write it. */
export function content(title: string, body = '第一条 总则\n第二条 招生计划'): ApprovedContent {
  return { title, summary: '', body, documents: [], attachments: [], channels: ['disclosure_site'] };
}

export interface Holder {
  personId: string;
  role: Role;
  departmentId: string | null;
  bindingId: string;
}

/**
 * The rounds service on its own database and NATS prefix, with stand-ins for what it asks of
 * others: permissions.decisions.check (decided from the bindings the test granted, by the real
 * role table) and catalogue.publications.get (publications the test put there). Every event a
 * producer would send is published with the next version of its aggregate, as the producer's
 * outbox would number it.
 */
export class RoundsWorld {
  readonly holders: Holder[] = [];
  readonly publications = new Map<string, Publication>();
  /** Checks the permissions stand-in answered. */
  readonly checks: CheckPermission[] = [];
  private readonly versions = new Map<string, number>();
  private readonly revisionNos = new Map<string, number>();
  private readonly publicationVersions = new Map<string, number>();

  constructor(readonly sut: ServiceUnderTest) {}

  static async start(env: Record<string, string> = {}): Promise<RoundsWorld> {
    const rounds = loadRoundsConfig(env);
    const sut = await startServiceUnderTest({
      service: 'rounds',
      module: (config) => AppModule.register(config, rounds),
      prismaDir: PRISMA_DIR,
      env,
    });
    const world = new RoundsWorld(sut);
    serveRpc(sut.nc, { prefix: sut.runId, subject: PermissionsSubjects.checkPermission }, (call) => {
      const check = (call.payload as { body: CheckPermission }).body;
      world.checks.push(check);
      return world.decide(check);
    });
    serveRpc(sut.nc, { prefix: sut.runId, subject: CatalogueRpc.getPublication.subject }, (call) => {
      const { publicationId } = (call.payload as { body: { publicationId: string } }).body;
      const publication = world.publications.get(publicationId);
      if (!publication) throw new Error(`no publication ${publicationId}`);
      return publication;
    });
    await sut.nc.flush();
    return world;
  }

  stop(): Promise<void> {
    return this.sut.stop();
  }

  /** The service's clock, stood still at `at` (null: the real time again). */
  setClock(at: Date | null): void {
    const clock = this.sut.app.get(Clock, { strict: false });
    clock.now = at === null ? () => new Date() : () => new Date(at);
  }

  /** What the real decision rule would answer, from the bindings granted in this test. */
  decide(check: CheckPermission): Decision {
    const granting = this.holders.find(
      (holder) =>
        holder.personId === check.subject.id &&
        (ROLE_DEFINITIONS[holder.role].actions as readonly Action[]).includes(check.action) &&
        (holder.departmentId === null || holder.departmentId === check.departmentId),
    );
    return granting
      ? { allow: true, reason: `${granting.role} grants it`, bindingId: granting.bindingId, validUntil: null }
      : {
          allow: false,
          reason: `No binding grants ${check.action} in department ${check.departmentId ?? 'school-wide'}`,
          bindingId: null,
          validUntil: null,
        };
  }

  meta(personId: string): RequestMeta {
    return { actor: { kind: 'person', id: personId }, correlationId: `corr-${uuidv7()}` };
  }

  request<TDefinition extends RpcDefinition>(
    definition: TDefinition,
    body: RpcBody<TDefinition>,
    as: string | RequestMeta,
  ): Promise<RpcResult<TDefinition>> {
    return this.sut.client.request(definition, body, typeof as === 'string' ? this.meta(as) : as);
  }

  /** The error a request answers with (the test expects one). */
  async refusal<TDefinition extends RpcDefinition>(
    definition: TDefinition,
    body: RpcBody<TDefinition>,
    as: string | RequestMeta,
  ): Promise<{ code: string; reason?: string; message: string; details?: unknown }> {
    try {
      await this.request(definition, body, as);
    } catch (error) {
      const body = (error as { body?: { code: string; reason?: string; message: string; details?: unknown } })
        .body;
      if (body) return body;
      throw error;
    }
    throw new Error(`${definition.subject} was expected to fail`);
  }

  /** Publishes as the producer would: the next version of each aggregate the event changes. */
  async publish<TSchema extends z.ZodType>(
    definition: EventDefinition<TSchema>,
    payload: z.input<TSchema>,
    options: { occurredAt?: Date } = {},
  ): Promise<EventEnvelope<z.infer<TSchema>>> {
    const envelope = this.prepare(definition, payload, options);
    await this.send(definition, envelope);
    return envelope;
  }

  /** The envelope the producer would write next (its versions taken), to send later, or out of order. */
  prepare<TSchema extends z.ZodType>(
    definition: EventDefinition<TSchema>,
    payload: z.input<TSchema>,
    options: { occurredAt?: Date } = {},
  ): EventEnvelope<z.infer<TSchema>> {
    const parsed = definition.payload.parse(payload);
    const ids = [definition.aggregateIdOf(parsed), ...definition.otherAggregateIdsOf(parsed)];
    const versions: Record<string, number> = {};
    for (const id of ids) {
      const key = `${definition.service}.${definition.aggregate}:${id}`;
      const next = (this.versions.get(key) ?? 0) + 1;
      this.versions.set(key, next);
      versions[id] = next;
    }
    return buildTestEnvelope(definition, payload, { versions, occurredAt: options.occurredAt });
  }

  async send<TSchema extends z.ZodType>(
    definition: EventDefinition<TSchema>,
    envelope: EventEnvelope<z.infer<TSchema>>,
  ): Promise<void> {
    await publishTestEvent(this.sut.nc, this.sut.runId, definition, envelope);
  }

  /**
   * Delivers an event again past JetStream's de-duplication (as after a relay crash), and waits
   * until the consumer has seen it: only the inbox and the versions stand between it and a
   * second effect.
   */
  async redeliver<TSchema extends z.ZodType>(
    definition: EventDefinition<TSchema>,
    envelope: EventEnvelope<z.infer<TSchema>>,
  ): Promise<void> {
    const consumer = definition.service === 'catalogue' ? 'catalogue-events' : 'permissions-events';
    const runner = this.sut.app
      .get(MessagingLifecycle, { strict: false })
      .runtime.consumerRunners.find((candidate) => candidate.durableName.endsWith(consumer));
    if (!runner) throw new Error(`no consumer ${consumer}`);
    const before = runner.stats.duplicates;
    await publishTestEvent(this.sut.nc, this.sut.runId, definition, envelope, { bypassDeduplication: true });
    await waitFor(() => runner.stats.duplicates > before, { what: `the redelivered ${definition.type}` });
  }

  /** Plain SQL on the service's own database, for what a test must see behind its back. */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.sut.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async count(text: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.sql<{ n: string }>(text, params);
    return Number(row?.n ?? 0);
  }

  // ——— permissions ———

  async department(name: string): Promise<string> {
    const departmentId = uuidv7();
    await this.publish(DepartmentCreatedV1, {
      departmentId,
      code: `D${departmentId.slice(-8)}`,
      name,
      type: 'office',
      parentId: null,
      status: 'active',
    });
    return departmentId;
  }

  async person(name: string, departmentId: string): Promise<string> {
    const personId = uuidv7();
    await this.publish(PersonCreatedV1, {
      personId,
      staffNo: `S${personId.slice(-8)}`,
      name,
      departmentId,
      identityType: 'staff',
      status: 'active',
      post: null,
    });
    return personId;
  }

  /** A binding granted (and in force from `validFrom`, by default a year ago), seen by rounds. */
  async grant(
    personId: string,
    role: Role,
    departmentId: string | null,
    validFrom = new Date(Date.now() - 365 * 86_400_000),
  ): Promise<Holder> {
    const holder: Holder = { personId, role, departmentId, bindingId: uuidv7() };
    await this.publish(BindingGrantedV1, {
      bindingId: holder.bindingId,
      subjectType: 'person',
      subjectId: personId,
      role,
      departmentId,
      validFrom: validFrom.toISOString(),
      validTo: null,
      origin: 'grant',
      requestId: null,
      reorganisationId: null,
    });
    this.holders.push(holder);
    await this.waitForSql(
      'SELECT count(*) AS n FROM role_holder WHERE binding_id = $1',
      [holder.bindingId],
      1,
      `binding ${holder.bindingId} in rounds`,
    );
    return holder;
  }

  /** A person appointed as `role` of a department (a person event, then the binding). */
  async appoint(name: string, role: Role, departmentId: string | null, validFrom?: Date): Promise<Holder> {
    const personId = await this.person(name, departmentId ?? (await this.department('信息公开办公室')));
    return this.grant(personId, role, departmentId, validFrom);
  }

  async endBinding(holder: Holder, endReason: BindingEndReason, extra: { identityChangeId?: string } = {}) {
    this.holders.splice(this.holders.indexOf(holder), 1);
    return this.publish(BindingEndedV1, {
      bindingId: holder.bindingId,
      subjectType: 'person',
      subjectId: holder.personId,
      role: holder.role,
      departmentId: holder.departmentId,
      validFrom: new Date(Date.now() - 365 * 86_400_000).toISOString(),
      validTo: null,
      endedAt: new Date().toISOString(),
      endReason,
      identityChangeId: extra.identityChangeId ?? null,
      reorganisationId: null,
    });
  }

  /** 人员身份变更 as permissions records it: the bindings in the old department end, then the change. */
  async identityChange(
    holder: Holder,
    kind: 'transfer' | 'depart' | 'leave' | 'return',
    toDepartmentId: string | null = null,
  ) {
    const identityChangeId = uuidv7();
    const ends = kind === 'transfer' || kind === 'depart';
    if (ends)
      await this.endBinding(holder, kind === 'transfer' ? 'identity_change' : 'departed', {
        identityChangeId,
      });
    const toStatus = { transfer: 'active', depart: 'departed', leave: 'on_leave', return: 'active' } as const;
    return this.publish(PersonIdentityChangedV1, {
      identityChangeId,
      personId: holder.personId,
      subjectType: 'person',
      subjectId: holder.personId,
      kind,
      fromDepartmentId: holder.departmentId,
      toDepartmentId: kind === 'transfer' ? toDepartmentId : holder.departmentId,
      fromStatus: kind === 'return' ? 'on_leave' : 'active',
      toStatus: toStatus[kind],
      fromPost: null,
      toPost: null,
      occurredAt: new Date().toISOString(),
      reason: '人事调整',
      reorganisationId: null,
      endedBindings: ends
        ? [
            {
              bindingId: holder.bindingId,
              subjectType: 'person',
              subjectId: holder.personId,
              role: holder.role,
              departmentId: holder.departmentId,
            },
          ]
        : [],
      movedBindings: [],
      openedRequests: [],
      cancelledRequestIds: [],
    });
  }

  /**
   * A merge as permissions writes it: each liaison's and reviewer's binding in a source ends
   * (reorganisation) and the same role is granted in the target, then the merge.
   */
  async merge(sourceIds: string[], targetId: string, effectiveDate: string): Promise<void> {
    const reorganisationId = uuidv7();
    const movedBindings = [];
    for (const holder of this.holders.filter((candidate) =>
      sourceIds.includes(candidate.departmentId ?? ''),
    )) {
      await this.publish(BindingEndedV1, {
        bindingId: holder.bindingId,
        subjectType: 'person',
        subjectId: holder.personId,
        role: holder.role,
        departmentId: holder.departmentId,
        validFrom: new Date(Date.now() - 365 * 86_400_000).toISOString(),
        validTo: null,
        endedAt: new Date().toISOString(),
        endReason: 'reorganisation',
        identityChangeId: null,
        reorganisationId,
      });
      const moved: Holder = { ...holder, departmentId: targetId, bindingId: uuidv7() };
      await this.publish(BindingGrantedV1, {
        bindingId: moved.bindingId,
        subjectType: 'person',
        subjectId: moved.personId,
        role: moved.role,
        departmentId: targetId,
        validFrom: new Date().toISOString(),
        validTo: null,
        origin: 'reorganisation',
        requestId: null,
        reorganisationId,
      });
      this.holders.splice(this.holders.indexOf(holder), 1, moved);
      movedBindings.push({
        fromBindingId: holder.bindingId,
        toBindingId: moved.bindingId,
        subjectType: 'person' as const,
        subjectId: holder.personId,
        role: holder.role,
        fromDepartmentId: holder.departmentId as string,
        toDepartmentId: targetId,
      });
    }
    await this.publish(DepartmentMergedV1, {
      reorganisationId,
      effectiveDate,
      reason: '机构改革：合并',
      affectedDepartmentIds: [...sourceIds, targetId],
      departments: [...sourceIds, targetId].map((departmentId) => ({
        departmentId,
        code: `D${departmentId.slice(-8)}`,
        name: departmentId === targetId ? '合并后的部门' : '已撤销的部门',
        type: 'office' as const,
        parentId: null,
        status: departmentId === targetId ? ('active' as const) : ('dissolved' as const),
        successorId: departmentId === targetId ? null : targetId,
      })),
      movedPeople: [],
      movedBindings,
      endedBindings: [],
      sourceIds,
      targetId,
      targetCreated: false,
    });
  }

  /** A department dissolved (its remaining bindings ended by the reorganisation), with or without a successor. */
  async dissolve(departmentId: string, successorId: string | null, effectiveDate: string): Promise<void> {
    const reorganisationId = uuidv7();
    for (const holder of this.holders.filter((candidate) => candidate.departmentId === departmentId)) {
      this.holders.splice(this.holders.indexOf(holder), 1);
      await this.publish(BindingEndedV1, {
        bindingId: holder.bindingId,
        subjectType: 'person',
        subjectId: holder.personId,
        role: holder.role,
        departmentId,
        validFrom: new Date(Date.now() - 365 * 86_400_000).toISOString(),
        validTo: null,
        endedAt: new Date().toISOString(),
        endReason: 'reorganisation',
        identityChangeId: null,
        reorganisationId,
      });
    }
    await this.publish(DepartmentDissolvedV1, {
      reorganisationId,
      effectiveDate,
      reason: '机构改革：撤销',
      affectedDepartmentIds: successorId ? [departmentId, successorId] : [departmentId],
      departments: [
        {
          departmentId,
          code: `D${departmentId.slice(-8)}`,
          name: '已撤销的部门',
          type: 'office',
          parentId: null,
          status: 'dissolved',
          successorId,
        },
      ],
      movedPeople: [],
      movedBindings: [],
      endedBindings: [],
      departmentId,
      successorId,
    });
  }

  // ——— catalogue ———

  /** A catalogue item and its lead department, as the catalogue announces them; waited for in rounds. */
  async item(
    code: string,
    title: string,
    leadDepartmentId: string | null,
    options: { categoryCode?: string; coDepartmentIds?: string[] } = {},
  ): Promise<string> {
    const itemId = uuidv7();
    await this.publish(CatalogueItemCreatedV1, {
      itemId,
      code,
      moeItemNo: null,
      title,
      categoryCode: options.categoryCode ?? '01',
      scope: 'public',
      cycle: { kind: 'on_change' },
      ownTimeLimitDays: null,
      channels: ['disclosure_site'],
      status: 'active',
      origin: 'university',
      uncertain: false,
    });
    if (leadDepartmentId) {
      await this.revise(itemId, code, leadDepartmentId, options.coDepartmentIds ?? [], '2024-01-01');
    }
    await this.waitForSql(
      'SELECT count(*) AS n FROM catalogue_item_projection WHERE id = $1 AND item_version > 0',
      [itemId],
      1,
      `item ${code} in rounds`,
    );
    return itemId;
  }

  async revise(
    itemId: string,
    itemCode: string,
    leadDepartmentId: string,
    coDepartmentIds: string[],
    effectiveDate: string,
  ): Promise<EventEnvelope> {
    const envelope = this.prepareRevision(itemId, itemCode, leadDepartmentId, coDepartmentIds, effectiveDate);
    await this.send(ResponsibilityRevisedV1, envelope);
    return envelope;
  }

  /** The catalogue's next responsibility revision of an item, not sent yet. */
  prepareRevision(
    itemId: string,
    itemCode: string,
    leadDepartmentId: string,
    coDepartmentIds: string[],
    effectiveDate: string,
  ): EventEnvelope<z.infer<typeof ResponsibilityRevisedV1.payload>> {
    const revisionNo = (this.revisionNos.get(itemId) ?? 0) + 1;
    this.revisionNos.set(itemId, revisionNo);
    return this.prepare(ResponsibilityRevisedV1, {
      itemId,
      itemCode,
      revisionId: uuidv7(),
      revisionNo,
      leadDepartmentId,
      coDepartmentIds,
      previousLeadDepartmentId: null,
      previousCoDepartmentIds: [],
      reason: '年度责任分工',
      effectiveDate,
      trigger: revisionNo === 1 ? 'item_created' : 'manual',
      reorganisationRef: null,
    });
  }

  /** A version of the item published (for a task, or by hand), whose content the diff stand-in serves. */
  async published(
    itemId: string,
    itemCode: string,
    options: { taskId?: string | null; roundId?: string | null; content?: ApprovedContent } = {},
  ): Promise<EventEnvelope<z.infer<typeof PublicationPublishedV1.payload>>> {
    const version = (this.publicationVersions.get(itemId) ?? 0) + 1;
    this.publicationVersions.set(itemId, version);
    const publicationId = uuidv7();
    const now = new Date().toISOString();
    const body = options.content ?? content(`${itemCode} 第${version}版`);
    this.publications.set(publicationId, {
      id: publicationId,
      itemId,
      version,
      state: 'published',
      source: options.taskId ? 'round_task' : 'ad_hoc',
      taskId: options.taskId ?? null,
      roundId: options.roundId ?? null,
      ...body,
      publisher: null,
      informationChangedAt: null,
      dueAt: null,
      publishedOnTime: null,
      secrecyReview: null,
      createdBy: { kind: 'system', id: 'test' },
      createdAt: now,
      submittedAt: now,
      publishedAt: now,
      publishedBy: { kind: 'system', id: 'test' },
      supersededAt: null,
      withdrawnAt: null,
      withdrawnReason: null,
      contentHash: 'a'.repeat(64),
      previousHash: null,
      updatedAt: now,
    });
    return this.publish(PublicationPublishedV1, {
      itemId,
      itemCode,
      publicationId,
      version,
      title: body.title,
      source: options.taskId ? 'round_task' : 'ad_hoc',
      taskId: options.taskId ?? null,
      roundId: options.roundId ?? null,
      scope: 'public',
      channels: ['disclosure_site'],
      publishedAt: now,
      informationChangedAt: null,
      dueAt: null,
      publishedOnTime: null,
      contentHash: 'a'.repeat(64),
      previousHash: null,
      supersededPublicationId: null,
    });
  }

  async confirmed(itemId: string, itemCode: string, taskId: string, roundId: string) {
    return this.publish(ItemConfirmedV1, {
      itemId,
      itemCode,
      confirmationId: uuidv7(),
      taskId,
      roundId,
      reason: '本学期无变化',
      confirmedAt: new Date().toISOString(),
    });
  }

  // ——— rounds ———

  async draftRound(
    office: string,
    overrides: Partial<RpcBody<typeof RoundsRpc.createRound>> = {},
  ): Promise<Round> {
    return this.request(
      RoundsRpc.createRound,
      {
        name: '2024年春季信息公开目录更新',
        academicYear: '2023-2024',
        half: 'spring',
        noticeText: '各单位：请于截止日期前完成本单位负责事项的更新，并经部门审核、保密审查后提交。',
        noticeDate: '2024-06-03',
        deadline: { workingDaysAfterNotice: 10 },
        ...overrides,
      },
      office,
    );
  }

  async waitForSql(text: string, params: unknown[], expected: number, what: string): Promise<void> {
    await waitFor(async () => (await this.count(text, params)) === expected, { what });
  }
}
