import type { PublicItem, PublicVersion } from '@gongkai/contracts';
import type { ItemRecord } from '../items/items.repository';
import type { PublicationHead } from '../publications/publications.repository';

/** Only what a member of the public may see: no reviewers, actors, hashes of drafts or campus items. */
export function toPublicVersion(current: PublicationHead | undefined): PublicVersion | null {
  if (!current || current.version === null || !current.publishedAt || !current.contentHash) return null;
  return {
    version: current.version,
    title: current.title,
    summary: current.summary,
    documents: current.documents,
    attachments: current.attachments,
    channels: current.channels,
    publisher: current.publisher,
    publishedAt: current.publishedAt.toISOString(),
    contentHash: current.contentHash,
  };
}

export function toPublicItem(item: ItemRecord, current: PublicationHead | undefined): PublicItem {
  return {
    id: item.id,
    code: item.code,
    moeItemNo: item.moeItemNo,
    title: item.title,
    categoryCode: item.categoryCode,
    description: item.description,
    cycle: item.cycle,
    columnUrl: item.columnUrl,
    current: toPublicVersion(current),
  };
}

/** The public catalogue shows active items of scope `public`, nothing else. */
export function isPublic(item: ItemRecord): boolean {
  return item.scope === 'public' && item.status === 'active';
}
