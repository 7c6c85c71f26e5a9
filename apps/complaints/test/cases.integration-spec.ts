import { ComplaintsRpc, type Case } from '@gongkai/contracts';
import { startComplaints, type ComplaintsHarness } from './support/complaints-harness';

const CONTACT = '13800138000';

/**
 * The complaints service for real (its own database and NATS prefix, permissions stood in for):
 * intake, the complaint loop 接、派、办、访、督, personal data kept out of lists and events, public
 * submission and tracking, and bad input refused with nothing changed.
 */
describe('complaints service: cases', () => {
  let h: ComplaintsHarness;
  let dormitory: string;
  let logistics: string;

  beforeAll(async () => {
    h = await startComplaints();
    dormitory = await h.department('宿舍管理中心');
    logistics = await h.department('后勤集团');
  }, 60000);

  afterAll(() => h?.stop());

  const caseCount = async () =>
    Number((await h.query<{ n: string }>('SELECT count(*) AS n FROM complaint_case'))[0]?.n);

  it('runs a city transfer through the whole loop: a wrong dispatch returned, a supervision and a reopen', async () => {
    const returner = h.person([{ action: 'complaints.case.handle', departmentId: dormitory }]);
    const handler = h.person([{ action: 'complaints.case.handle', departmentId: logistics }]);
    const { case: received } = await h.create({
      kind: 'complaint',
      source: 'city_12345',
      externalNo: `BJ${Date.now()}`,
      cityDueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      category: 'logistics',
      title: '宿舍楼热水器坏了',
      content: '5号楼热水器坏了一周，无人维修。',
    });
    expect(received).toMatchObject({ status: 'received', source: 'city_12345', sla: { state: 'running' } });
    const id = received.id;

    expect((await h.step('dispatch', id, { leadDepartmentId: dormitory })).status).toBe('dispatched');
    // The dormitory centre is not the department for water heaters: it returns the dispatch.
    await expect(h.step('accept', id, {}, handler.meta)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const returned = await h.step(
      'return-dispatch',
      id,
      { reason: '热水器属后勤集团维修范围' },
      returner.meta,
    );
    expect(returned).toMatchObject({ status: 'received', leadDepartmentId: null });
    await h.step('dispatch', id, { leadDepartmentId: logistics, coDepartmentIds: [dormitory] });
    const accepted = await h.step('accept', id, {}, handler.meta);
    expect(accepted).toMatchObject({ status: 'accepted', handlerId: handler.id });
    expect((await h.step('contact', id, {}, handler.meta)).firstContactAt).not.toBeNull();
    await h.step('notes', id, { text: '已派维修工，配件需三天到货' }, handler.meta);
    await h.step('notes', id, { text: '协办：宿舍已提供临时热水', visibility: 'public' }, returner.meta);
    expect((await h.step('reply', id, { text: '已更换热水器' }, handler.meta)).status).toBe('replied');
    const unsatisfied = await h.step('callback', id, {
      satisfaction: 'unsatisfied',
      resolution: 'partly_solved',
    });
    expect(unsatisfied).toMatchObject({ supervised: true, callback: { satisfaction: 'unsatisfied' } });
    expect((await h.step('supervise', id, { note: '督办：一周内彻底解决' })).supervised).toBe(true);
    const reopened = await h.step('reopen', id, { reason: '诉求人反映仍无热水' });
    expect(reopened).toMatchObject({ status: 'dispatched', reopenCount: 1, callback: null, repliedAt: null });
    await h.step('accept', id, {}, handler.meta);
    await h.step('reply', id, { text: '已更换整套热水系统' }, handler.meta);
    await h.step('callback', id, { satisfaction: 'satisfied', resolution: 'solved' });
    const closed = await h.step('close', id, {});
    expect(closed).toMatchObject({
      status: 'closed',
      callback: { satisfaction: 'satisfied', resolution: 'solved' },
    });

    const types = (await h.eventsOf(id)).map((event) => event.type.replace('complaints.case.', ''));
    expect(types).toEqual([
      'received',
      'dispatched',
      'dispatch-returned',
      'dispatched',
      'accepted',
      'contacted',
      'note-added',
      'note-added',
      'replied',
      'callback-recorded',
      'supervised',
      'supervised',
      'reopened',
      'accepted',
      'replied',
      'callback-recorded',
      'closed',
    ]);
    expect((await h.eventsOf(id)).map((event) => event.aggregateVersion)).toEqual(
      types.map((_, index) => index + 1),
    );
  });

  it('escalates a complaint reopened three times to the school level', async () => {
    const { case: complaint } = await h.create({ kind: 'complaint', source: 'campus_hotline' });
    await h.step('dispatch', complaint.id, { leadDepartmentId: logistics });
    let current: Case = complaint;
    for (let round = 1; round <= 3; round += 1) {
      await h.step('accept', complaint.id, {});
      await h.step('reply', complaint.id, { text: `第${round}次答复` });
      current = await h.step('reopen', complaint.id, { reason: '仍未解决' });
    }
    expect(current).toMatchObject({ reopenCount: 3, escalated: true, supervised: true });
    expect((await h.eventsOf(complaint.id)).some((event) => event.type === 'complaints.case.escalated')).toBe(
      true,
    );
  });

  it('keeps the requester contact out of lists, events and answers to a role without the right', async () => {
    const { case: created } = await h.create({
      kind: 'complaint',
      source: 'email',
      requester: { name: '李小红', contact: CONTACT },
    });
    await h.step('dispatch', created.id, { leadDepartmentId: dormitory });
    const list = await h.sut.client.request(ComplaintsRpc.listCases, { limit: 500 }, h.admin);
    expect(JSON.stringify(list)).not.toContain(CONTACT);
    expect(list.items.find((item) => item.id === created.id)?.requester).toMatchObject({
      name: '李**',
      contact: null,
    });
    expect(JSON.stringify(await h.eventsOf(created.id))).not.toContain(CONTACT);
    expect(JSON.stringify(await h.eventsOf(created.id))).not.toContain('李小红');

    const liaison = h.person([{ action: 'complaints.case.read', departmentId: dormitory }]);
    const masked = await h.sut.client.request(ComplaintsRpc.getCase, { caseId: created.id }, liaison.meta);
    expect(masked.requester).toEqual({ name: '李**', contact: null, type: null, masked: true });
    expect(JSON.stringify(masked)).not.toContain(CONTACT);
    const handler = h.person([
      { action: 'complaints.case.read', departmentId: dormitory },
      { action: 'complaints.case.read-personal', departmentId: dormitory },
    ]);
    const full = await h.sut.client.request(ComplaintsRpc.getCase, { caseId: created.id }, handler.meta);
    expect(full.requester).toMatchObject({ name: '李小红', contact: CONTACT, masked: false });
    const elsewhere = h.person([{ action: 'complaints.case.read', departmentId: logistics }]);
    await expect(
      h.sut.client.request(ComplaintsRpc.getCase, { caseId: created.id }, elsewhere.meta),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('takes a public submission and shows its status and public replies only to the right code', async () => {
    const receipt = await h.sut.client.request(
      ComplaintsRpc.publicSubmit,
      {
        kind: 'complaint',
        category: 'canteen',
        title: '食堂排队时间太长',
        content: '午餐高峰排队超过二十分钟。',
        requester: { name: '王五', contact: 'wangwu@example.edu.cn' },
      },
      h.admin,
    );
    expect(receipt.trackingNo).toMatch(/^GK\d{8}-[A-Z0-9]{6}$/);
    const [summary] = (
      await h.sut.client.request(ComplaintsRpc.listCases, { limit: 500, source: 'web' }, h.admin)
    ).items;
    const caseId = summary?.id as string;
    await h.step('dispatch', caseId, { leadDepartmentId: logistics });
    await h.step('accept', caseId, {});
    await h.step('notes', caseId, { text: '内部：窗口人手不足' });
    await h.step('reply', caseId, { text: '已增开两个窗口' });
    const view = await h.sut.client.request(
      ComplaintsRpc.publicTrack,
      { trackingNo: receipt.trackingNo, verificationCode: receipt.verificationCode },
      h.admin,
    );
    expect(view).toMatchObject({ status: 'replied', replies: [{ text: '已增开两个窗口' }] });
    expect(JSON.stringify(view)).not.toContain('内部');
    const wrong = h.sut.client.request(
      ComplaintsRpc.publicTrack,
      { trackingNo: receipt.trackingNo, verificationCode: 'WRONG234' },
      h.admin,
    );
    await expect(wrong).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'CASE_NOT_TRACKABLE' });
    const unknown = h.sut.client.request(
      ComplaintsRpc.publicTrack,
      { trackingNo: 'GK20240101-AAAAAA', verificationCode: receipt.verificationCode },
      h.admin,
    );
    await expect(unknown).rejects.toMatchObject({
      code: 'NOT_FOUND',
      reason: 'CASE_NOT_TRACKABLE',
      message: ((await wrong.catch((error: unknown) => error)) as Error).message,
    });
  });

  it('finds the hotspots of a period by category and Chinese keyword, against the period before, and reports them as an event', async () => {
    const at = (date: string) => new Date(`${date}T10:00:00+08:00`).toISOString();
    const complaint = (date: string, category: string, content: string) =>
      h.create({
        kind: 'complaint',
        source: 'web',
        category,
        title: content.slice(0, 10),
        content,
        occurredAt: at(date),
      });
    await complaint('2024-04-20', 'canteen', '食堂饭菜价格上涨');
    await complaint('2024-05-06', 'dormitory', '宿舍空调不制冷，晚上睡不着');
    await complaint('2024-05-08', 'dormitory', '空调漏水，宿舍地面湿滑');
    await complaint('2024-05-20', 'dormitory', '三楼空调坏了一周');
    await complaint('2024-05-21', 'canteen', '食堂排队时间太长');
    const hotspots = await h.sut.client.request(
      ComplaintsRpc.hotspots,
      { from: '2024-05-01', to: '2024-05-31', limit: 3 },
      h.admin,
    );
    expect(hotspots).toMatchObject({ previousFrom: '2024-03-31', previousTo: '2024-04-30' });
    expect(hotspots.categories[0]).toEqual({ key: 'dormitory', count: 3, previousCount: 0, change: 3 });
    expect(hotspots.categories[1]).toEqual({ key: 'canteen', count: 1, previousCount: 1, change: 0 });
    expect(hotspots.keywords[0]).toEqual({ key: '空调', count: 3, previousCount: 0, change: 3 });
    const report = await h.sut.client.request(
      ComplaintsRpc.reportHotspots,
      { from: '2024-05-01', to: '2024-05-31', limit: 3 },
      h.admin,
    );
    const [event] = await h.eventsOf(report.reportId);
    expect(event).toMatchObject({
      type: 'complaints.hotspot-report.reported',
      payload: { keywords: hotspots.keywords },
    });
  });

  it('refuses bad input with nothing changed', async () => {
    const before = await caseCount();
    const bad = (body: Record<string, unknown>) => h.create(body as never);
    await expect(bad({ kind: 'petition', source: 'web' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(bad({ kind: 'complaint', source: 'fax' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(bad({ kind: 'complaint', source: 'web', category: 'weather' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'CATEGORY_UNKNOWN',
    });
    await expect(bad({ kind: 'complaint', source: 'web', title: '标题\u0007' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      bad({ kind: 'complaint', source: 'web', content: '字'.repeat(20_001) }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      bad({ kind: 'complaint', source: 'web', occurredAt: new Date(Date.now() + 86_400_000).toISOString() }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'OCCURRED_AT_IN_FUTURE',
    });
    expect(await caseCount()).toBe(before);

    const { case: open } = await h.create({ kind: 'complaint', source: 'web' });
    const events = (await h.eventsOf(open.id)).length;
    await expect(
      h.step('callback', open.id, { satisfaction: 'satisfied', resolution: 'solved' }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'CASE_WRONG_STATE',
    });
    await expect(
      h.step('decide', open.id, { result: 'disclosed', replyText: '予以公开', deliveredVia: 'email' }),
    ).rejects.toMatchObject({
      reason: 'CASE_WRONG_KIND',
    });
    await expect(
      h.step('dispatch', open.id, { leadDepartmentId: '0190b3a4-7c1e-7c3a-8f00-00000000fa11' }),
    ).rejects.toMatchObject({
      reason: 'DEPARTMENT_UNKNOWN',
    });
    expect((await h.eventsOf(open.id)).length).toBe(events);
    expect((await h.sut.client.request(ComplaintsRpc.getCase, { caseId: open.id }, h.admin)).status).toBe(
      'received',
    );
  });
});
