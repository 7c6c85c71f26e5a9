import { Controller } from '@nestjs/common';
import { DomainError, ErrorCode, PermissionsRpc, type Department } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { assertActive, requireActiveDepartment } from '../department-guards';
import { DepartmentsRepository } from '../departments.repository';
import { DepartmentsService } from '../departments.service';

/** PATCH /departments/{id}: rename in place and/or move under another parent; never into a cycle. */
@Controller()
export class UpdateDepartmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly departmentsService: DepartmentsService,
  ) {}

  @RpcHandler(PermissionsRpc.updateDepartment)
  update(call: RpcRequest<typeof PermissionsRpc.updateDepartment>): Promise<Department> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const department = (await this.departmentsRepository.lockMany(tx, [body.id])).get(body.id);
      if (!department)
        throw new DomainError(ErrorCode.NOT_FOUND, `Department ${body.id} does not exist`, { id: body.id });
      assertActive(department);
      if (body.parentId) {
        await requireActiveDepartment(this.departmentsRepository, tx, body.parentId, 'Parent department');
        // Lock the whole tree's shape: two concurrent moves could otherwise each pass this check and form a loop.
        await this.departmentsRepository.lockTree(tx);
        const ancestors = await this.departmentsRepository.ancestorIdsOf(tx, body.parentId);
        if (body.parentId === department.id || ancestors.includes(department.id)) {
          throw new DomainError(
            ErrorCode.VALIDATION_FAILED,
            `Department ${department.code} cannot move under ${body.parentId}: that is the department itself or one of its descendants, and the tree would get a cycle`,
            { id: department.id, parentId: body.parentId, path: [body.parentId, ...ancestors] },
          );
        }
      }
      return this.departmentsService.update(tx, operation, department, body);
    });
  }
}
