import { defineErrorReasons } from '../common/error-reasons';
import { ErrorCode } from '../common/errors';

/** The catalogue service's own error codes, each under the category that sets its HTTP status. */
export const CatalogueErrorReasons = defineErrorReasons('catalogue', {
  ITEM_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description: 'No catalogue item with this id. List them with `GET /catalogue/items`.',
  },
  ITEM_CODE_TAKEN: {
    category: ErrorCode.CONFLICT,
    description: 'Another catalogue item already has this code. Choose another code.',
  },
  ITEM_RETIRED: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: 'The item is retired. Reactivate it first.',
  },
  PUBLICATION_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description:
      'The item has no publication with this id. List them with `GET /catalogue/items/{id}/publications`.',
  },
  PUBLICATION_WRONG_STATE: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      "The publication's state does not allow this step (e.g. editing after submission). Read it and follow its workflow.",
  },
  PUBLICATION_OUT_OF_ORDER: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      'A later version of the item is already published; an earlier one cannot be published after it.',
  },
  RESPONSIBILITY_OUT_OF_ORDER: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      'A responsibility revision cannot take effect before the latest one. Use its effective date or a later one.',
  },
  RESPONSIBLE_DEPARTMENTS_INVALID: {
    category: ErrorCode.VALIDATION_FAILED,
    description:
      'Co-operating departments need a lead department, and the lead cannot also co-operate. The field is listed in `errors`.',
  },
  UNKNOWN_REFERENCE: {
    category: ErrorCode.VALIDATION_FAILED,
    description:
      'A field names something that does not exist or is not usable (a category, an inactive department). The field is listed in `errors`.',
  },
  PUBLIC_ITEM_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description: 'No published catalogue item with this id.',
  },
});
