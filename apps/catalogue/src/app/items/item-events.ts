import type { ItemRecord } from './items.repository';

/** An item as evt.catalogue.item.* carry it. */
export function itemState(item: ItemRecord) {
  return {
    itemId: item.id,
    code: item.code,
    moeItemNo: item.moeItemNo,
    title: item.title,
    categoryCode: item.categoryCode,
    scope: item.scope,
    cycle: item.cycle,
    ownTimeLimitDays: item.timeLimitDays,
    channels: item.channels,
    status: item.status,
    origin: item.origin,
    uncertain: item.uncertain,
  };
}
