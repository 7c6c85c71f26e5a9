import { subjectsOf } from '../common/rpc-definition';
import { CatalogueRpc } from './rpc';

/** Request/reply subjects answered by the catalogue service, from their definitions in `rpc.ts`. */
export const CatalogueSubjects = subjectsOf(CatalogueRpc);
