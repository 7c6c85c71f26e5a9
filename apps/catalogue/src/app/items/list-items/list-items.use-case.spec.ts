import { pageByCode } from './list-items.use-case';

const items = ['MOE-01', 'MOE-02', 'MOE-03', 'U-01', 'U-02'].map((code) => ({ code }));

describe('pageByCode', () => {
  it('starts at the first code and points at the last one shown when more follow', () => {
    expect(pageByCode(items, { limit: 2 })).toEqual({
      items: [{ code: 'MOE-01' }, { code: 'MOE-02' }],
      nextCursor: 'MOE-02',
    });
  });

  it('continues after the cursor', () => {
    expect(pageByCode(items, { cursor: 'MOE-02', limit: 2 })).toEqual({
      items: [{ code: 'MOE-03' }, { code: 'U-01' }],
      nextCursor: 'U-01',
    });
  });

  it('has no next cursor on the last page, even when it is exactly full', () => {
    expect(pageByCode(items, { cursor: 'MOE-03', limit: 2 })).toEqual({
      items: [{ code: 'U-01' }, { code: 'U-02' }],
      nextCursor: null,
    });
    expect(pageByCode(items, { cursor: 'U-02', limit: 2 })).toEqual({ items: [], nextCursor: null });
  });

  it('takes a cursor that is no code as a place in the order', () => {
    expect(pageByCode(items, { cursor: 'N', limit: 50 }).items).toEqual([{ code: 'U-01' }, { code: 'U-02' }]);
  });
});
