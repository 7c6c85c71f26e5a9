import { subjectsOf } from '../common/rpc-definition';
import { PermissionsRpc } from './rpc';

/** Request/reply subjects answered by the permissions service, from their definitions in `rpc.ts`. */
export const PermissionsSubjects = subjectsOf(PermissionsRpc);
