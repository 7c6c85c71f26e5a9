import { PermissionsErrorReasons } from '@gongkai/contracts';
import type { UniqueIndexReasons } from '@gongkai/service-kit';

/**
 * The unique indexes two concurrent requests can race on (both pass the use case's own check,
 * the database refuses the second): the same reason the check gives, so a client sees one answer.
 */
export const PERMISSIONS_UNIQUE_INDEXES: UniqueIndexReasons = {
  department_code_key: {
    reason: PermissionsErrorReasons.DEPARTMENT_CODE_TAKEN,
    message: 'Another department with this code was saved at the same moment; choose another code',
  },
  person_staff_no_key: {
    reason: PermissionsErrorReasons.STAFF_NO_TAKEN,
    message:
      'Another person with this staff number was saved at the same moment; record an identity change for them instead',
  },
};
