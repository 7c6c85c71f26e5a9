import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'gateway:isPublic';
export const ACTION = 'gateway:action';

/** No credentials needed (probes, metrics, /api/v1/public/**). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The action a route performs, as AuthorizationService decides it, e.g. `departments.create`. */
export const Action = (action: string) => SetMetadata(ACTION, action);
