import { Controller } from '@nestjs/common';
import { PermissionsRpc, type IdentityChangeResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RecordIdentityChangeUseCase } from './record-identity-change.use-case';

/** POST /people/{id}/identity-changes. */
@Controller()
export class RecordIdentityChangeHandler {
  constructor(private readonly recordIdentityChange: RecordIdentityChangeUseCase) {}

  @RpcHandler(PermissionsRpc.recordIdentityChange)
  record({
    meta,
    body,
  }: RpcRequest<typeof PermissionsRpc.recordIdentityChange>): Promise<IdentityChangeResult> {
    return this.recordIdentityChange.execute(meta, body);
  }
}
