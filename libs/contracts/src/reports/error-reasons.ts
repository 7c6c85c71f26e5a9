import { defineErrorReasons } from '../common/error-reasons';
import { ErrorCode } from '../common/errors';

/** The reports service's own error codes, each under the category that sets its HTTP status. */
export const ReportsErrorReasons = defineErrorReasons('reports', {
  FIGURE_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description:
      'The annual report has no figure with this id. Read the ids in `GET /reports/annual/{academicYear}?explain=true`.',
  },
  REBUILD_RUNNING: {
    category: ErrorCode.CONFLICT,
    description:
      'A rebuild of the projections is already running. Follow it with `GET /reports/status` and try again when it is done.',
  },
});
