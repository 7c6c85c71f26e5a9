import { CommonErrorReasons } from './common/common-error-reasons';
import type { ErrorReason } from './common/error-reasons';
import { CatalogueErrorReasons } from './catalogue/error-reasons';
import { GatewayErrorReasons } from './gateway/error-reasons';
import { PermissionsErrorReasons } from './permissions/error-reasons';
import { RoundsErrorReasons } from './rounds/error-reasons';
import { ComplaintsErrorReasons } from './complaints/error-reasons';
import { ReportsErrorReasons } from './reports/error-reasons';

/** Every service's error reasons, for the OpenAPI document and for the uniqueness check. */
export const ALL_ERROR_REASONS: readonly ErrorReason[] = [
  ...Object.values(CommonErrorReasons),
  ...Object.values(GatewayErrorReasons),
  ...Object.values(PermissionsErrorReasons),
  ...Object.values(CatalogueErrorReasons),
  ...Object.values(RoundsErrorReasons),
  ...Object.values(ComplaintsErrorReasons),
  ...Object.values(ReportsErrorReasons),
];
