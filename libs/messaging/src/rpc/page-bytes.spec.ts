import { fitPageToBytes, PAGE_BYTES_BUDGET } from './page-bytes';

const publication = (id: string, chars: number) => ({ id, body: '公'.repeat(chars) });
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('fitPageToBytes (a page that fits one bus message)', () => {
  it('leaves a page within the budget as it is', () => {
    const page = { items: [publication('a', 10), publication('b', 10)], nextCursor: null };
    expect(fitPageToBytes(page, (item) => item.id, 1000)).toBe(page);
  });

  it('cuts where the items pass the budget and continues after the last one kept', () => {
    // 200,000 Chinese characters are 600,000 bytes of UTF-8: two do not fit one message.
    const items = [publication('c', 200_000), publication('b', 200_000), publication('a', 200_000)];
    const fitted = fitPageToBytes({ items, nextCursor: null }, (item) => item.id);
    expect(fitted.items.map((item) => item.id)).toEqual(['c']);
    expect(fitted.nextCursor).toBe('c');
    expect(bytesOf(fitted)).toBeLessThan(PAGE_BYTES_BUDGET + 1024);
  });

  it('keeps a cut page’s cursor even when the page had no next one', () => {
    const items = [publication('b', 30), publication('a', 30)];
    const fitted = fitPageToBytes({ items, nextCursor: null }, (item) => item.id, bytesOf(items[0]) + 5);
    expect(fitted).toEqual({ items: [items[0]], nextCursor: 'b' });
  });

  it('always keeps the first item, so paging moves on', () => {
    const items = [publication('b', 100), publication('a', 1)];
    const fitted = fitPageToBytes({ items, nextCursor: 'a' }, (item) => item.id, 10);
    expect(fitted.items.map((item) => item.id)).toEqual(['b']);
    expect(fitted.nextCursor).toBe('b');
  });
});
