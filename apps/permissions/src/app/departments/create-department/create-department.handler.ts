import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateDepartmentSchema,
  DepartmentCreatedV1,
  DomainError,
  ErrorCode,
  PermissionsSubjects,
  type Department,
} from '@gongkai/contracts';
import { emitEvent, parseRequest } from '@gongkai/messaging';
import { MessagingLifecycle } from '@gongkai/service-kit';
import { PrismaService } from '../../prisma.service';
import { DepartmentsRepository } from '../departments.repository';

@Controller()
export class CreateDepartmentHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly messaging: MessagingLifecycle,
  ) {}

  @MessagePattern(PermissionsSubjects.createDepartment)
  async create(@Payload() payload: unknown): Promise<Department> {
    const { meta, body } = parseRequest(CreateDepartmentSchema, payload);
    const department = await this.prisma.$transaction(async (tx) => {
      if (await this.departmentsRepository.findByCode(tx, body.code)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `A department with code ${body.code} already exists; choose another code`,
          {
            code: body.code,
          },
        );
      }
      if (body.parentId && !(await this.departmentsRepository.findById(tx, body.parentId))) {
        throw new DomainError(
          ErrorCode.NOT_FOUND,
          `Parent department ${body.parentId} does not exist; create it first`,
          {
            parentId: body.parentId,
          },
        );
      }
      const created = await this.departmentsRepository.insert(tx, uuidv7(), body);
      await emitEvent(
        tx,
        DepartmentCreatedV1,
        {
          departmentId: created.id,
          code: created.code,
          name: created.name,
          type: created.type,
          parentId: created.parentId,
          status: created.status,
        },
        { source: 'permissions', actor: meta.actor, correlationId: meta.correlationId },
      );
      return created;
    });
    this.messaging.kick();
    return department;
  }
}
