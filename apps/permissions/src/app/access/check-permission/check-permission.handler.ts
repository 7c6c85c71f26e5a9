import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CheckPermissionSchema, PermissionsSubjects, type Decision } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { Clock } from '../../shared/clock';
import { DecisionService } from '../decision.service';

/** permissions.decisions.check: may subject S do action A in department D (or school-wide)? */
@Controller()
export class CheckPermissionHandler {
  constructor(
    private readonly decisionService: DecisionService,
    private readonly clock: Clock,
  ) {}

  @MessagePattern(PermissionsSubjects.checkPermission)
  check(@Payload() payload: unknown): Promise<Decision> {
    const { body } = parseRequest(CheckPermissionSchema, payload);
    return this.decisionService.decide({
      subjectType: body.subject.type,
      subjectId: body.subject.id,
      action: body.action,
      departmentId: body.departmentId,
      at: body.at ? new Date(body.at) : this.clock.now(),
    });
  }
}
