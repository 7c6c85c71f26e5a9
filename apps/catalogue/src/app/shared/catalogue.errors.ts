import { CatalogueErrorReasons, DomainError, type ErrorCode, type ErrorReason } from '@gongkai/contracts';

/** A reason of the given category: a helper takes only reasons its status fits. */
type ReasonOf<C extends ErrorCode> = ErrorReason<string, C>;

/**
 * The catalogue's typed errors, each with its reason (CatalogueErrorReasons); the reason's
 * category is the shared ErrorCode the gateway maps to HTTP in one place. These helpers keep the
 * messages and details uniform across handlers.
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
  invalidField: (reason: ReasonOf<'VALIDATION_FAILED'>, path: (string | number)[], message: string) =>
    DomainError.because(reason, 'The request is not valid', [
      { code: 'custom', path: ['body', ...path], message },
    ]),
  wrongState: (reason: ReasonOf<'PRECONDITION_FAILED'>, message: string, details: Record<string, unknown>) =>
    DomainError.because(reason, message, details),
  conflict: (reason: ReasonOf<'CONFLICT'>, message: string, details: Record<string, unknown>) =>
    DomainError.because(reason, message, details),
};
