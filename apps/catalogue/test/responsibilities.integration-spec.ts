import {
  CatalogueRpc,
  ErrorCode,
  type CatalogueItem,
  type ReassignmentResult,
  type RpcBody,
  type RpcDefinition,
} from '@gongkai/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { v7 as uuidv7 } from 'uuid';
import { DepartmentMergedV1, DepartmentRenamedV1 } from '@gongkai/contracts';
import { streamName } from '@gongkai/messaging';
import { publishTestEvent, withAnyBody, type ServiceUnderTest } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import { createDepartment, itemByCode, startCatalogue, withSql } from './support/catalogue-fixtures';

const MERGE_REASON = '机构改革：招生办公室与就业指导中心合并为招生就业处';

describe('catalogue service: responsibilities (责任分工) and their history', () => {
  let sut: ServiceUnderTest;
  let admissions: string;
  let careers: string;
  let students: string;
  let merged: string;
  const items = new Map<string, CatalogueItem>();

  const request = <TDefinition extends RpcDefinition>(definition: TDefinition, body: RpcBody<TDefinition>) =>
    sut.client.request(definition, body, sut.meta);
  const revise = (code: string, body: Record<string, unknown>) =>
    request(withAnyBody(CatalogueRpc.reviseResponsibility), {
      itemId: items.get(code)?.id,
      ...body,
    });
  const responsibility = (code: string, at?: string) =>
    request(withAnyBody(CatalogueRpc.getResponsibility), { itemId: items.get(code)?.id, at });
  const revisionRows = () =>
    withSql(sut, async (sql) =>
      Number((await sql.query('SELECT count(*) AS n FROM responsibility_revision')).rows[0].n),
    );

  beforeAll(async () => {
    sut = await startCatalogue();
    admissions = await createDepartment(sut, '招生办公室');
    careers = await createDepartment(sut, '就业指导中心');
    students = await createDepartment(sut, '学生工作处');
    merged = await createDepartment(sut, '招生就业处');
    for (const code of ['MOE-07', 'MOE-08', 'MOE-09', 'MOE-10', 'MOE-31', 'MOE-32', 'MOE-36']) {
      items.set(code, await itemByCode(sut, code));
    }
    const initial = '2023-09-01';
    const reason = '2023-2024学年信息公开目录责任分工';
    await revise('MOE-07', { leadDepartmentId: admissions, reason, effectiveDate: initial });
    await revise('MOE-08', { leadDepartmentId: admissions, reason, effectiveDate: initial });
    await revise('MOE-09', { leadDepartmentId: admissions, reason, effectiveDate: initial });
    await revise('MOE-10', {
      leadDepartmentId: admissions,
      coDepartmentIds: [careers],
      reason,
      effectiveDate: initial,
    });
    await revise('MOE-31', { leadDepartmentId: careers, reason, effectiveDate: initial });
    await revise('MOE-32', {
      leadDepartmentId: careers,
      coDepartmentIds: [admissions],
      reason,
      effectiveDate: initial,
    });
    await revise('MOE-36', { leadDepartmentId: students, reason, effectiveDate: initial });
  });

  afterAll(() => sut?.stop());

  it('lists the items a department leads or co-operates on today, by code', async () => {
    const codesOf = async (departmentId: string) =>
      (await request(CatalogueRpc.listItems, { departmentId, limit: 500 })).items.map((item) => item.code);
    expect(await codesOf(careers)).toEqual(['MOE-10', 'MOE-31', 'MOE-32']);
    expect(await codesOf(admissions)).toEqual(['MOE-07', 'MOE-08', 'MOE-09', 'MOE-10', 'MOE-32']);
    expect(await codesOf(merged)).toEqual([]);
  });

  describe('after a merge', () => {
    let result: ReassignmentResult;

    beforeAll(async () => {
      result = await request(CatalogueRpc.reassignDepartment, {
        fromDepartmentIds: [admissions, careers],
        toDepartmentId: merged,
        reason: MERGE_REASON,
        effectiveDate: '2024-03-01',
      });
    });

    it('revises the 6 entries naming a merged department, each with the reason and date', async () => {
      expect(result.count).toBe(6);
      expect(result.revisions.map((revision) => revision.itemId).sort()).toEqual(
        ['MOE-07', 'MOE-08', 'MOE-09', 'MOE-10', 'MOE-31', 'MOE-32']
          .map((code) => items.get(code)?.id)
          .sort(),
      );
      for (const revision of result.revisions) {
        expect(revision).toMatchObject({
          revisionNo: 2,
          leadDepartmentId: merged,
          coDepartmentIds: [],
          reason: MERGE_REASON,
          effectiveDate: '2024-03-01',
          trigger: 'reorganisation',
          recordedBy: sut.meta.actor,
        });
      }
      const events = await withSql(sut, async (sql) =>
        (
          await sql.query(
            `SELECT envelope->'payload' AS payload FROM outbox
              WHERE type = 'catalogue.responsibility.revised' AND envelope->'payload'->>'trigger' = 'reorganisation'`,
          )
        ).rows.map((row: { payload: Record<string, unknown> }) => row.payload),
      );
      expect(events).toHaveLength(6);
      expect(events).toContainEqual(
        expect.objectContaining({
          itemCode: 'MOE-10',
          previousLeadDepartmentId: admissions,
          previousCoDepartmentIds: [careers],
          leadDepartmentId: merged,
          coDepartmentIds: [],
        }),
      );
    });

    it('leaves items of other departments alone', async () => {
      expect((await responsibility('MOE-36')).history).toHaveLength(1);
    });

    it('shows who was responsible on any past date', async () => {
      expect((await responsibility('MOE-07', '2023-08-31')).responsible).toBeNull();
      expect((await responsibility('MOE-07', '2023-09-01')).responsible).toMatchObject({
        leadDepartmentId: admissions,
      });
      expect((await responsibility('MOE-32', '2024-02-29')).responsible).toMatchObject({
        leadDepartmentId: careers,
        coDepartmentIds: [admissions],
      });
      expect((await responsibility('MOE-32', '2024-03-01')).responsible).toMatchObject({
        leadDepartmentId: merged,
        reason: MERGE_REASON,
      });
      const today = await responsibility('MOE-10');
      expect(today.history.map((revision) => [revision.revisionNo, revision.leadDepartmentId])).toEqual([
        [1, admissions],
        [2, merged],
      ]);
      expect(today.responsible?.revisionNo).toBe(2);
    });

    it('lists the items by the department responsible today', async () => {
      const page = await request(CatalogueRpc.listItems, {
        departmentId: merged,
        limit: 500,
      });
      expect(page.items).toHaveLength(6);
      expect((await request(CatalogueRpc.listItems, { departmentId: admissions })).items).toEqual([]);
    });

    it('counts the revisions of the academic year as a reported figure', async () => {
      expect(
        await request(CatalogueRpc.countRevisions, {
          from: '2023-09-01',
          to: '2024-08-31',
        }),
      ).toEqual({
        from: '2023-09-01',
        to: '2024-08-31',
        revisions: 6,
        itemsRevised: 6,
        initialAssignments: 7,
        byTrigger: { manual: 0, reorganisation: 6 },
      });
      expect(
        (
          await request(CatalogueRpc.countRevisions, {
            from: '2024-09-01',
            to: '2025-08-31',
          })
        ).revisions,
      ).toBe(0);
    });

    it('finds nothing more to reassign when run again', async () => {
      const again = await request(CatalogueRpc.reassignDepartment, {
        fromDepartmentIds: [admissions, careers],
        toDepartmentId: merged,
        reason: MERGE_REASON,
        effectiveDate: '2024-03-01',
      });
      expect(again.count).toBe(0);
    });
  });

  describe('refuses, changing nothing', () => {
    it('a revision dated before the latest one (history is appended in date order)', async () => {
      const before = await revisionRows();
      await expect(
        revise('MOE-07', { leadDepartmentId: students, reason: '补录', effectiveDate: '2024-01-01' }),
      ).rejects.toMatchObject({
        body: { code: ErrorCode.PRECONDITION_FAILED, reason: 'RESPONSIBILITY_OUT_OF_ORDER' },
      });
      expect(await revisionRows()).toBe(before);
    });

    it('an unknown or dissolved department, or a lead that is also a co-operating department', async () => {
      const dissolved = await createDepartment(sut, '已撤销的处室', 'dissolved');
      const before = await revisionRows();
      const unknown = '0190b3a4-7c1e-7c3a-8f00-00000000dead';
      for (const body of [
        { leadDepartmentId: unknown },
        { leadDepartmentId: students, coDepartmentIds: [unknown] },
        { leadDepartmentId: students, coDepartmentIds: [students] },
      ]) {
        await expect(
          revise('MOE-36', { reason: '调整', effectiveDate: '2024-09-01', ...body }),
        ).rejects.toMatchObject({ body: { code: ErrorCode.VALIDATION_FAILED } });
      }
      await expect(
        revise('MOE-36', { leadDepartmentId: dissolved, reason: '调整', effectiveDate: '2024-09-01' }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.VALIDATION_FAILED } });
      await expect(
        request(CatalogueRpc.reassignDepartment, {
          fromDepartmentIds: [students],
          toDepartmentId: unknown,
          reason: '合并',
          effectiveDate: '2024-09-01',
        }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.VALIDATION_FAILED } });
      expect(await revisionRows()).toBe(before);
    });

    it('a bulk reassignment dated before an affected item’s latest revision, as a whole', async () => {
      const before = await revisionRows();
      await expect(
        request(CatalogueRpc.reassignDepartment, {
          fromDepartmentIds: [merged],
          toDepartmentId: students,
          reason: '再次调整',
          effectiveDate: '2024-02-01',
        }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.PRECONDITION_FAILED } });
      expect(await revisionRows()).toBe(before);
    });
  });

  describe("reacting to permissions' reorganisation events", () => {
    let academic: string;
    let practice: string;
    let undergraduate: string;
    const reorganisationId = uuidv7();

    const reorganisationBase = (reason: string, effectiveDate: string, affected: string[]) => ({
      reorganisationId,
      effectiveDate,
      reason,
      affectedDepartmentIds: affected,
      departments: [],
      movedPeople: [],
      movedBindings: [],
      endedBindings: [],
    });

    async function settled(): Promise<void> {
      const jsm = await jetstreamManager(sut.nc);
      await waitFor(
        async () => {
          const info = await jsm.consumers.info(
            streamName(sut.runId, 'permissions'),
            'catalogue-responsibility-reorganisation',
          );
          return info.num_pending === 0 && info.num_ack_pending === 0;
        },
        { what: 'the reorganisation consumer to settle' },
      );
    }

    const byRef = (ref: string) =>
      withSql(
        sut,
        async (sql) =>
          (
            await sql.query(
              `SELECT i.code, r.lead_department_id::text AS lead, r.co_department_ids::text[] AS co, r.reason,
                    r.effective_date::text AS date
               FROM responsibility_revision r JOIN catalogue_item i ON i.id = r.item_id
              WHERE r.reorganisation_ref = $1 ORDER BY i.code`,
              [ref],
            )
          ).rows,
      );

    beforeAll(async () => {
      academic = await createDepartment(sut, '教务处');
      practice = await createDepartment(sut, '实践教学中心');
      undergraduate = await createDepartment(sut, '本科生院');
      for (const code of ['MOE-27', 'MOE-28', 'MOE-29']) items.set(code, await itemByCode(sut, code));
      const reason = '教学质量信息责任分工';
      await revise('MOE-27', { leadDepartmentId: academic, reason, effectiveDate: '2024-01-01' });
      await revise('MOE-28', { leadDepartmentId: academic, reason, effectiveDate: '2024-01-01' });
      await revise('MOE-29', {
        leadDepartmentId: practice,
        coDepartmentIds: [academic],
        reason,
        effectiveDate: '2024-01-01',
      });
    });

    it('revises every entry of merged departments once, even when the event is delivered twice', async () => {
      const envelope = await publishTestEvent(
        sut.nc,
        sut.runId,
        DepartmentMergedV1,
        {
          ...reorganisationBase('机构改革：教务处与实践教学中心合并组建本科生院', '2024-07-01', [
            academic,
            practice,
            undergraduate,
          ]),
          sourceIds: [academic, practice],
          targetId: undergraduate,
          targetCreated: false,
        },
        { versions: 2, occurredAt: new Date('2024-07-01T00:00:00+08:00') },
      );
      const ref = `reorganisation:${reorganisationId}`;
      const revised = await waitFor(async () => ((await byRef(ref)).length === 3 ? byRef(ref) : null), {
        what: 'three revisions from the merge',
      });
      expect(revised).toEqual(
        ['MOE-27', 'MOE-28', 'MOE-29'].map((code) => ({
          code,
          lead: undergraduate,
          co: [],
          reason: '机构改革：教务处与实践教学中心合并组建本科生院',
          date: '2024-07-01',
        })),
      );
      expect((await responsibility('MOE-29', '2024-06-30')).responsible?.leadDepartmentId).toBe(practice);

      await publishTestEvent(sut.nc, sut.runId, DepartmentMergedV1, envelope, { bypassDeduplication: true });
      await settled();
      expect(await byRef(ref)).toHaveLength(3);
    });

    it('records a rename on the entries of the renamed department, keeping its id', async () => {
      const renameId = uuidv7();
      await publishTestEvent(
        sut.nc,
        sut.runId,
        DepartmentRenamedV1,
        {
          ...reorganisationBase('学校发文', '2024-09-01', [undergraduate]),
          reorganisationId: renameId,
          departmentId: undergraduate,
          previousName: '本科生院',
          name: '本科生院（教务部）',
        },
        { versions: 3, occurredAt: new Date('2024-09-01T00:00:00+08:00') },
      );
      const revised = await waitFor(
        async () => {
          const rows = await byRef(`reorganisation:${renameId}`);
          return rows.length === 3 ? rows : null;
        },
        { what: 'three revisions from the rename' },
      );
      expect(revised.every((row: { lead: string; reason: string }) => row.lead === undergraduate)).toBe(true);
      expect(revised[0]).toMatchObject({
        reason: '本科生院 更名为 本科生院（教务部）：学校发文',
        date: '2024-09-01',
      });
    });
  });
});
