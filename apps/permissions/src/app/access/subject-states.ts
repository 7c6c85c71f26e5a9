import { Injectable } from '@nestjs/common';
import type { SubjectType } from '@gongkai/contracts';
import { ApiClientsRepository } from '../api-clients/api-clients.repository';
import { PeopleRepository } from '../people/people.repository';
import type { PermissionsTx } from '../prisma.service';
import type { SubjectState } from './decision-rule';

/** Whether a subject (a person or an API client) exists, and its status: what decisions and grants look at. */
@Injectable()
export class SubjectStates {
  constructor(
    private readonly peopleRepository: PeopleRepository,
    private readonly apiClientsRepository: ApiClientsRepository,
  ) {}

  async of(tx: PermissionsTx, subjectType: SubjectType, subjectId: string): Promise<SubjectState | null> {
    if (subjectType === 'person') {
      const person = await this.peopleRepository.findById(tx, subjectId);
      return person ? { type: 'person', status: person.status } : null;
    }
    const client = await this.apiClientsRepository.findById(tx, subjectId);
    return client ? { type: 'client', status: client.status } : null;
  }
}
