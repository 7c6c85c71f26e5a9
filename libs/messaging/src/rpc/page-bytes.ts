import type { Page } from '@gongkai/contracts';
import { DEFAULT_NATS_MAX_PAYLOAD_BYTES, REPLY_OVERHEAD_BYTES } from './reply-size';

/**
 * How much JSON a page's items may take: what one bus message carries (`max_payload`, 1 MB by
 * default) less the reply's headers and a margin for the page around them. Counted before the
 * reply's compression, which shrinks Chinese text far less than repetitive JSON.
 */
export const PAGE_BYTES_BUDGET = DEFAULT_NATS_MAX_PAYLOAD_BYTES - REPLY_OVERHEAD_BYTES - 64 * 1024;

/**
 * Cuts a page where its items would pass `maxBytes` of JSON, and points `nextCursor` at the last
 * item kept: a page of a few publications with 200,000-character bodies is then the first of
 * several instead of an error. The first item is always kept (one item fits a message by the
 * contracts' field limits), so paging always moves on.
 */
export function fitPageToBytes<T>(
  page: Page<T>,
  cursorOf: (item: T) => string,
  maxBytes: number = PAGE_BYTES_BUDGET,
): Page<T> {
  let bytes = 0;
  for (const [index, item] of page.items.entries()) {
    bytes += Buffer.byteLength(JSON.stringify(item));
    if (bytes > maxBytes && index > 0) {
      const kept = page.items.slice(0, index);
      return { items: kept, nextCursor: cursorOf(kept[index - 1] as T) };
    }
  }
  return page;
}
