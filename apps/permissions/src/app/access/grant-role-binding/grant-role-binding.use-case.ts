import { Injectable } from '@nestjs/common';
import type { GrantRoleBinding, RequestMeta, RoleBinding } from '@gongkai/contracts';
import { UnitOfWork } from '../../shared/unit-of-work';
import { BindingWriter } from '../binding-writer';
import { GrantCheck } from '../grant-check';

/** An administrator grants a role directly (no request needed). */
@Injectable()
export class GrantRoleBindingUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly grantCheck: GrantCheck,
    private readonly bindingWriter: BindingWriter,
  ) {}

  execute(meta: RequestMeta, body: GrantRoleBinding): Promise<RoleBinding> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const window = await this.grantCheck.validate(tx, operation, body);
      return this.bindingWriter.grant(tx, operation, { ...body, ...window, origin: 'grant' });
    });
  }
}
