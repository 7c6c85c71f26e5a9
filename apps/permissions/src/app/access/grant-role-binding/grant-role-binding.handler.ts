import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GrantRoleBindingSchema, PermissionsSubjects, type RoleBinding } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { AccessService } from '../access.service';

/** POST /role-bindings: an administrator grants a role directly (no request needed). */
@Controller()
export class GrantRoleBindingHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accessService: AccessService,
  ) {}

  @MessagePattern(PermissionsSubjects.grantRoleBinding)
  grant(@Payload() payload: unknown): Promise<RoleBinding> {
    const { meta, body } = parseRequest(GrantRoleBindingSchema, payload);
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const window = await this.accessService.validateGrant(tx, operation, body);
      return this.accessService.grant(tx, operation, { ...body, ...window, origin: 'grant' });
    });
  }
}
