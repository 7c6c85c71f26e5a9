import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ActingDecision } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CheckActingUseCase } from './check-acting.use-case';

/** permissions.acting.check: may API client C act for person P (X-Acting-Person)? */
@Controller()
export class CheckActingHandler {
  constructor(private readonly checkActing: CheckActingUseCase) {}

  @RpcHandler(PermissionsRpc.checkActing)
  check({ body }: RpcRequest<typeof PermissionsRpc.checkActing>): Promise<ActingDecision> {
    return this.checkActing.execute(body);
  }
}
