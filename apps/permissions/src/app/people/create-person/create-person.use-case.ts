import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  DomainError,
  PermissionsErrorReasons,
  PersonCreatedV1,
  type CreatePerson,
  type Person,
  type RequestMeta,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { requireActiveDepartment } from '../../departments/department-guards';
import { DepartmentsRepository } from '../../departments/departments.repository';
import { UnitOfWork } from '../../shared/unit-of-work';
import { PeopleRepository } from '../people.repository';

/** A person joins an active department, recorded as their first identity change (`join`). */
@Injectable()
export class CreatePersonUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly peopleRepository: PeopleRepository,
    private readonly departmentsRepository: DepartmentsRepository,
  ) {}

  execute(meta: RequestMeta, body: CreatePerson): Promise<Person> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const occurredAt = operation.businessTime(body.occurredAt);
      const existing = await this.peopleRepository.findByStaffNo(tx, body.staffNo);
      if (existing) {
        throw DomainError.because(
          PermissionsErrorReasons.STAFF_NO_TAKEN,
          `Staff number ${body.staffNo} already belongs to person ${existing.id}; record an identity change for them instead`,
          { staffNo: body.staffNo, personId: existing.id },
        );
      }
      await requireActiveDepartment(this.departmentsRepository, tx, body.departmentId);
      const person = await this.peopleRepository.insert(tx, {
        id: uuidv7(),
        staffNo: body.staffNo,
        name: body.name,
        departmentId: body.departmentId,
        identityType: body.identityType,
        post: body.post ?? null,
      });
      const change = await this.peopleRepository.insertIdentityChange(tx, {
        id: uuidv7(),
        personId: person.id,
        kind: 'join',
        fromDepartmentId: null,
        toDepartmentId: person.departmentId,
        fromPost: null,
        toPost: person.post,
        fromStatus: null,
        toStatus: person.status,
        occurredAt,
        reason: body.reason ?? null,
        actor: operation.actor,
      });
      await emitEvent(
        tx,
        PersonCreatedV1,
        {
          personId: person.id,
          staffNo: person.staffNo,
          name: person.name,
          departmentId: person.departmentId,
          identityType: person.identityType,
          status: person.status,
          post: person.post,
        },
        operation.events(occurredAt),
      );
      operation.audit({
        occurredAt,
        action: 'person.created',
        subjectType: 'person',
        subjectId: person.id,
        reason: body.reason ?? null,
        before: [],
        after: [],
        details: { person, identityChangeId: change.id },
      });
      return person;
    });
  }
}
