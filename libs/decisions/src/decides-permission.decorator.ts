import { SetMetadata } from '@nestjs/common';

export const DECIDES_PERMISSION = 'decisions:decidesPermission';

/**
 * Marks an `@RpcHandler` whose gateway route says `departmentFrom: 'service'`: the gateway let
 * the request through undecided, so this operation decides itself before acting (DecisionClient
 * for the department only it knows, or, in permissions, the decision rule in-process).
 * `apps/gateway/src/app/auth/service-decided-routes.spec.ts` fails for a route whose handler
 * lacks it.
 *
 *   @DecidesPermission()
 *   @RpcHandler(CatalogueRpc.updateItem)
 *   update({ meta, body }: RpcRequest<typeof CatalogueRpc.updateItem>) { … }
 */
export const DecidesPermission = () => SetMetadata(DECIDES_PERMISSION, true);
