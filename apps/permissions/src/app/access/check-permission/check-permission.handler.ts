import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Decision } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { Clock } from '../../shared/clock';
import { DecisionService } from '../decision.service';

/** permissions.decisions.check: may subject S do action A in department D (or school-wide)? */
@Controller()
export class CheckPermissionHandler {
  constructor(
    private readonly decisionService: DecisionService,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(PermissionsRpc.checkPermission)
  check(call: RpcRequest<typeof PermissionsRpc.checkPermission>): Promise<Decision> {
    const { body } = call;
    return this.decisionService.decide({
      subjectType: body.subject.type,
      subjectId: body.subject.id,
      action: body.action,
      departmentId: body.departmentId,
      at: body.at ? new Date(body.at) : this.clock.now(),
    });
  }
}
