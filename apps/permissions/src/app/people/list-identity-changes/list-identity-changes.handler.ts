import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListIdentityChangesSchema,
  PermissionsSubjects,
  type IdentityChange,
  type Page,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { PeopleRepository } from '../people.repository';

/** GET /people/{id}/identity-changes, oldest first. */
@Controller()
export class ListIdentityChangesHandler {
  constructor(private readonly peopleRepository: PeopleRepository) {}

  @MessagePattern(PermissionsSubjects.listIdentityChanges)
  list(@Payload() payload: unknown): Promise<Page<IdentityChange>> {
    const { body } = parseRequest(ListIdentityChangesSchema, payload);
    return this.peopleRepository.listIdentityChanges(body);
  }
}
