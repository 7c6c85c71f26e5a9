import { ComplaintsRpc } from '@gongkai/contracts';
import { startComplaints, type ComplaintsHarness } from './support/complaints-harness';

/** The city's 12345 transfers in bulk: idempotent on the ticket number, bad rows reported, the rest imported. */
describe('complaints service: city batch import', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await startComplaints();
  }, 60000);

  afterAll(() => h?.stop());

  const caseCount = async () =>
    Number((await h.query<{ n: string }>('SELECT count(*) AS n FROM complaint_case'))[0]?.n);
  const ticket = (externalNo: string, category = 'canteen') => ({
    externalNo,
    receivedAt: '2024-09-02T09:30:00+08:00',
    cityDueAt: '2024-09-09T18:00:00+08:00',
    category,
    title: '食堂饭菜价格上涨',
    content: '市民反映学校食堂饭菜涨价。',
    requesterName: '赵六',
    requesterContact: '13900139000',
  });

  it('imports the valid rows of a batch, reports the bad one, and creates nothing when the batch comes again', async () => {
    const rows = [ticket('BJ2409020001'), ticket('BJ2409020002', 'weather'), ticket('BJ2409020003')];
    const first = await h.sut.client.request(
      ComplaintsRpc.importCityBatch,
      { rows, batchRef: '2024-09-02' },
      h.admin,
    );
    expect(first).toMatchObject({ created: 2, alreadyPresent: 0, rejected: 1 });
    expect(first.rows[1]).toMatchObject({
      row: 2,
      externalNo: 'BJ2409020002',
      outcome: 'rejected',
      caseId: null,
    });
    expect(first.rows[1]?.errors[0]).toMatchObject({ field: 'category' });
    const count = await caseCount();

    const again = await h.sut.client.request(
      ComplaintsRpc.importCityBatch,
      { rows, batchRef: '2024-09-02' },
      h.admin,
    );
    expect(again).toMatchObject({ created: 0, alreadyPresent: 2, rejected: 1 });
    expect(again.rows[0]?.caseId).toBe(first.rows[0]?.caseId);
    expect(await caseCount()).toBe(count);

    const imported = await h.sut.client.request(
      ComplaintsRpc.getCase,
      { caseId: first.rows[0]?.caseId as string },
      h.admin,
    );
    expect(imported).toMatchObject({
      source: 'city_12345',
      externalNo: 'BJ2409020001',
      receivedAt: '2024-09-02T01:30:00.000Z',
      cityDueAt: '2024-09-09T10:00:00.000Z',
      dueAt: '2024-09-09T10:00:00.000Z',
      requester: { name: '赵六', contact: '13900139000' },
    });
    const single = h.create({ kind: 'complaint', source: 'city_12345', externalNo: 'BJ2409020001' });
    await expect(single).rejects.toMatchObject({ code: 'CONFLICT', reason: 'CASE_ALREADY_IMPORTED' });
  });

  it('reads a CSV batch, and refuses one it cannot read with nothing imported', async () => {
    const header = 'externalNo,receivedAt,cityDueAt,category,title,content,requesterName,requesterContact';
    const csv = `${header}\nBJ2409030001,2024-09-03T10:00:00+08:00,,dormitory,"宿舍空调不制冷,已报修",宿舍空调坏了,钱七,13700137000\nBJ2409030002,2024-09-03T11:00:00+08:00,,network,校园网卡顿,晚上校园网很慢,孙八,13600136000\n`;
    const result = await h.sut.client.request(ComplaintsRpc.importCityBatch, { csv }, h.admin);
    expect(result).toMatchObject({ created: 2, rejected: 0 });
    const before = await caseCount();
    await expect(
      h.sut.client.request(
        ComplaintsRpc.importCityBatch,
        { csv: `${header}\nBJ2409030003,"unclosed\n` },
        h.admin,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', reason: 'IMPORT_UNREADABLE' });
    expect(await caseCount()).toBe(before);
  });
});
