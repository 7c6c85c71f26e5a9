import { checkRow, readCsv } from './city-rows';

const now = new Date('2024-09-10T08:00:00Z');

describe('reading a city batch', () => {
  it('reads CSV with quoted commas and line breaks, a BOM and empty optional cells', () => {
    const csv =
      '\uFEFFexternalNo,receivedAt,cityDueAt,category,title,content,requesterName,requesterContact\n' +
      'BJ001,2024-09-02T09:00:00+08:00,,canteen,"饭菜贵,量少","第一行\n第二行",张三,13800138000\n';
    const read = readCsv(csv);
    expect('rows' in read && read.rows).toEqual([
      {
        externalNo: 'BJ001',
        receivedAt: '2024-09-02T09:00:00+08:00',
        category: 'canteen',
        title: '饭菜贵,量少',
        content: '第一行\n第二行',
        requesterName: '张三',
        requesterContact: '13800138000',
      },
    ]);
    expect('rows' in read && checkRow(read.rows[0], now)).toMatchObject({
      transfer: { externalNo: 'BJ001' },
    });
  });

  it('names the line of a CSV it cannot read', () => {
    const read = readCsv('externalNo,title\nBJ1,"unclosed\n');
    expect('problem' in read && read.problem.message).toBeTruthy();
  });

  it('reports each problem of a bad row by field', () => {
    const result = checkRow({ externalNo: 'BJ 2', receivedAt: 'yesterday', title: '', extra: 1 }, now);
    expect('errors' in result && result.errors.map((error) => error.field).sort()).toEqual(
      [
        'category',
        'content',
        'externalNo',
        'extra',
        'receivedAt',
        'requesterContact',
        'requesterName',
        'title',
      ].sort(),
    );
    expect(
      checkRow(
        {
          externalNo: 'BJ3',
          receivedAt: '2030-01-01T00:00:00Z',
          category: 'canteen',
          title: 't',
          content: 'c',
          requesterName: 'n',
          requesterContact: 'c',
        },
        now,
      ),
    ).toEqual({
      errors: [{ field: 'receivedAt', message: 'lies in the future' }],
    });
  });
});
