import { MAX_JSON_DEPTH, hostileTextIn } from './hostile-text';

describe('hostileTextIn', () => {
  it('accepts Chinese text with tabs and line breaks', () => {
    expect(
      hostileTextIn(
        { title: '关于\t2024年\r\n招生信息', tags: ['公开', { note: '第一行\n第二行' }] },
        'body',
      ),
    ).toEqual([]);
  });

  it('points at every string holding NUL or another control character, in values and keys', () => {
    expect(
      hostileTextIn(
        { title: 'ok\u0000', items: ['fine', 'bell\u0007'], ['k\u001b']: 1, c1: '\u0085' },
        'body',
      ),
    ).toEqual([
      expect.objectContaining({ in: 'body', pointer: '/title', code: 'control_character' }),
      expect.objectContaining({ pointer: '/items/1', code: 'control_character' }),
      expect.objectContaining({ pointer: '/k\u001b', code: 'control_character' }),
      expect.objectContaining({ pointer: '/c1', code: 'control_character' }),
    ]);
    expect(hostileTextIn({ q: 'a/b~\u0000' }, 'query')).toEqual([
      expect.objectContaining({ in: 'query', pointer: '/q' }),
    ]);
  });

  it('refuses JSON nested deeper than the limit, once', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < MAX_JSON_DEPTH + 5; level += 1) deep = { a: deep };
    expect(hostileTextIn(deep, 'body')).toEqual([expect.objectContaining({ code: 'too_deep' })]);
    let fine: unknown = 'leaf';
    for (let level = 0; level < MAX_JSON_DEPTH - 1; level += 1) fine = [fine];
    expect(hostileTextIn(fine, 'body')).toEqual([]);
  });
});
