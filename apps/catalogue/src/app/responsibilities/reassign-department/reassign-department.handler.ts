import { Controller } from '@nestjs/common';
import { CatalogueRpc, type ReassignmentResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ReassignDepartmentUseCase } from './reassign-department.use-case';

@Controller()
export class ReassignDepartmentHandler {
  constructor(private readonly reassignDepartment: ReassignDepartmentUseCase) {}

  @RpcHandler(CatalogueRpc.reassignDepartment)
  reassign({ meta, body }: RpcRequest<typeof CatalogueRpc.reassignDepartment>): Promise<ReassignmentResult> {
    return this.reassignDepartment.execute(body, meta);
  }
}
