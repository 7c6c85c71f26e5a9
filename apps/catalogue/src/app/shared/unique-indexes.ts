import { CatalogueErrorReasons } from '@gongkai/contracts';
import type { UniqueIndexReasons } from '@gongkai/service-kit';

/**
 * The unique indexes two concurrent requests can race on (both pass the use case's own check,
 * the database refuses the second): the same reason the check gives, so a client sees one answer.
 * Versions and revision numbers are taken under the item's lock, so they do not race.
 */
export const CATALOGUE_UNIQUE_INDEXES: UniqueIndexReasons = {
  catalogue_item_code_key: {
    reason: CatalogueErrorReasons.ITEM_CODE_TAKEN,
    message: 'Another item with this code was saved at the same moment; choose another code',
  },
};
