import { CatalogueErrorReasons, DomainError, ErrorCode } from '@gongkai/contracts';

/**
 * The catalogue's typed errors. Codes are the shared ErrorCode (the gateway maps them to HTTP in
 * one place); these helpers keep the messages and details uniform across handlers.
 */
export const CatalogueErrors = {
  itemNotFound: (itemId: string) =>
    DomainError.because(
      CatalogueErrorReasons.ITEM_NOT_FOUND,
      `No catalogue item ${itemId}; list them with GET /catalogue/items`,
      { itemId },
    ),
  publicationNotFound: (itemId: string, publicationId: string) =>
    DomainError.because(
      CatalogueErrorReasons.PUBLICATION_NOT_FOUND,
      `Item ${itemId} has no publication ${publicationId}; list them with GET /catalogue/items/${itemId}/publications`,
      { itemId, publicationId },
    ),
  /**
   * A field that names something that does not exist (a category, a department): a 400 with the
   * field's location, like any other invalid field, so nothing is changed and the caller can fix it.
   */
  invalidField: (path: (string | number)[], message: string) =>
    new DomainError(ErrorCode.VALIDATION_FAILED, 'The request is not valid', [
      { code: 'custom', path: ['body', ...path], message },
    ]),
  wrongState: (message: string, details: Record<string, unknown>) =>
    new DomainError(ErrorCode.PRECONDITION_FAILED, message, details),
  conflict: (message: string, details: Record<string, unknown>) =>
    new DomainError(ErrorCode.CONFLICT, message, details),
};
