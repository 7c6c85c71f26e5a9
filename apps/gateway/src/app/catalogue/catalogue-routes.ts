/** What the catalogue routes share: their path parameters and where an item's department comes from. */

export const ITEM_PARAM = { itemId: 'The catalogue item id (GET /catalogue/items)' };
export const PUBLICATION_PARAMS = { ...ITEM_PARAM, publicationId: 'The publication id (…/publications)' };

/**
 * Item work is decided per department, and only the catalogue knows an item's department (its
 * lead department today): the gateway authenticates and forwards, and the catalogue service asks
 * permissions.decisions.check before acting (apps/catalogue access/item-access.ts).
 */
export const ITEM_DEPARTMENT = { departmentFrom: 'service' } as const;
