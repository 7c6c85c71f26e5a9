import { defineErrorReasons } from '../common/error-reasons';
import { ErrorCode } from '../common/errors';

/** The permissions service's own error codes, each under the category that sets its HTTP status. */
export const PermissionsErrorReasons = defineErrorReasons('permissions', {
  DEPARTMENT_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description: 'No department with this id. Pick one from `GET /departments`.',
  },
  DEPARTMENT_CODE_TAKEN: {
    category: ErrorCode.CONFLICT,
    description: 'Another department already has this code. Choose another code.',
  },
  DEPARTMENT_DISSOLVED: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: 'The department has been dissolved. Use its successor (named in the problem) instead.',
  },
  DEPARTMENT_HAS_CHILDREN: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      'The department still has child departments. Move them first, or (dissolving it) name a successor.',
  },
  DEPARTMENT_HAS_MEMBERS: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: 'People still belong to the department. Transfer them first, or name a successor.',
  },
  SUCCESSOR_UNDER_SOURCE: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      'The successor (or merge target) lies under a department this reorganisation dissolves, so it would hang from a dissolved department. Move it out first (`PATCH /departments/{id}`).',
  },
  DEPARTMENT_CYCLE: {
    category: ErrorCode.VALIDATION_FAILED,
    description: 'A department cannot move under itself or one of its descendants.',
  },
  DEPARTMENT_NAME_UNCHANGED: {
    category: ErrorCode.VALIDATION_FAILED,
    description: 'A rename must give a new name.',
  },
  REORGANISATION_INVALID: {
    category: ErrorCode.VALIDATION_FAILED,
    description:
      'The reorganisation contradicts itself: a department named twice or as its own successor, a target that is also a source, two new departments with one code, a new department under one it dissolves, an index that names no target, a person assigned twice or from another department. Fix the request.',
  },
  REORGANISATION_INCOMPLETE: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: 'A split must assign everyone in the source department to a target.',
  },
  EFFECTIVE_DATE_IN_FUTURE: {
    category: ErrorCode.VALIDATION_FAILED,
    description: 'A reorganisation is recorded on or after the day it takes effect, never before.',
  },
  PERSON_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description: 'No person with this id.',
  },
  STAFF_NO_TAKEN: {
    category: ErrorCode.CONFLICT,
    description: 'The staff number already belongs to a person. Record an identity change for them instead.',
  },
  PERSON_ALREADY_IN_DEPARTMENT: {
    category: ErrorCode.VALIDATION_FAILED,
    description: 'A transfer must name the department the person moves to, not the one they are in.',
  },
  PERSON_STATUS_FORBIDS: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: "The person's status (active, on leave, departed) does not allow this identity change.",
  },
  ROLE_BINDING_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description: 'No role binding with this id.',
  },
  ROLE_BINDING_ENDED: {
    category: ErrorCode.CONFLICT,
    description: 'The role binding has already ended (revoked, expired or by a departure).',
  },
  ROLE_SCOPE_MISMATCH: {
    category: ErrorCode.VALIDATION_FAILED,
    description:
      'A department role needs `departmentId`; a school-wide role needs `departmentId: null`. See `GET /roles`.',
  },
  BINDING_WINDOW_EMPTY: {
    category: ErrorCode.VALIDATION_FAILED,
    description: 'The binding would never be in force: `validTo` has passed or is not after `validFrom`.',
  },
  ROLE_ALREADY_HELD: {
    category: ErrorCode.CONFLICT,
    description: 'The subject already holds this role in this department in an overlapping window.',
  },
  SUBJECT_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description: 'No person or API client with this id.',
  },
  SUBJECT_INACTIVE: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: 'A departed person or a revoked API client can hold no permissions.',
  },
  PERMISSION_REQUEST_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description: 'No permission request with this id.',
  },
  PERMISSION_REQUEST_DUPLICATE: {
    category: ErrorCode.CONFLICT,
    description: 'An open request for the same role and department exists. Approve or reject it.',
  },
  PERMISSION_REQUEST_DECIDED: {
    category: ErrorCode.CONFLICT,
    description: 'The request has already been approved or rejected. Open a new request to ask again.',
  },
  APPROVER_NOT_ALLOWED: {
    category: ErrorCode.FORBIDDEN,
    description:
      'This caller may not decide this request (not an approver of its department, or their own request).',
  },
  FOUR_EYES_REQUIRED: {
    category: ErrorCode.FORBIDDEN,
    description:
      'Nobody approves a permission request they opened, directly or through a client acting for them. Ask another approver.',
  },
  API_CLIENT_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description: 'No API client with this id.',
  },
  API_CLIENT_REVOKED: {
    category: ErrorCode.CONFLICT,
    description: 'The API client has been revoked. Create a new client.',
  },
  API_KEY_INVALID: {
    category: ErrorCode.UNAUTHENTICATED,
    description: 'The API key is not valid. Check it or ask for a new one.',
  },
});
