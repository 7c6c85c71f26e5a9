import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListPeopleSchema, PermissionsSubjects, type Page, type Person } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { PeopleRepository } from '../people.repository';

@Controller()
export class ListPeopleHandler {
  constructor(private readonly peopleRepository: PeopleRepository) {}

  @MessagePattern(PermissionsSubjects.listPeople)
  list(@Payload() payload: unknown): Promise<Page<Person>> {
    const { body } = parseRequest(ListPeopleSchema, payload);
    return this.peopleRepository.list(body);
  }
}
