import { Injectable } from '@nestjs/common';
import type { CheckPermission, Decision } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { PermissionDecider } from '../permission-decider';

/** May subject S do action A in department D (or school-wide), now or at `at`? */
@Injectable()
export class CheckPermissionUseCase {
  constructor(
    private readonly permissionDecider: PermissionDecider,
    private readonly clock: Clock,
  ) {}

  execute(body: CheckPermission): Promise<Decision> {
    return this.permissionDecider.decide({
      subjectType: body.subject.type,
      subjectId: body.subject.id,
      action: body.action,
      departmentId: body.departmentId,
      at: body.at ? new Date(body.at) : this.clock.now(),
    });
  }
}
