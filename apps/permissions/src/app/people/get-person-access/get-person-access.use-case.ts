import { Injectable } from '@nestjs/common';
import {
  DomainError,
  PermissionsErrorReasons,
  type GetPersonAccess,
  type PersonAccess,
} from '@gongkai/contracts';
import { BindingsRepository, toRoleBinding } from '../../access/bindings.repository';
import { PrismaService } from '../../prisma.service';
import { Clock } from '@gongkai/service-kit';
import { PeopleRepository } from '../people.repository';
import { personAccessAt } from './person-access';

/** What can this person do, where, until when (now, or `at`). */
@Injectable()
export class GetPersonAccessUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly peopleRepository: PeopleRepository,
    private readonly bindingsRepository: BindingsRepository,
    private readonly clock: Clock,
  ) {}

  async execute(body: GetPersonAccess): Promise<PersonAccess> {
    const at = body.at ? new Date(body.at) : this.clock.now();
    const person = await this.peopleRepository.get(body.personId);
    if (!person) {
      throw DomainError.because(
        PermissionsErrorReasons.PERSON_NOT_FOUND,
        `Person ${body.personId} does not exist`,
        {
          personId: body.personId,
        },
      );
    }
    const bindings = (
      await this.bindingsRepository.decisionFactsOf(this.prisma, 'person', person.id, at)
    ).map(toRoleBinding);
    return personAccessAt(person, bindings, at);
  }
}
