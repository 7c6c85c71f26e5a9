import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DomainError,
  ErrorCode,
  GetPersonSchema,
  PermissionsSubjects,
  type Person,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { PeopleRepository } from '../people.repository';

@Controller()
export class GetPersonHandler {
  constructor(private readonly peopleRepository: PeopleRepository) {}

  @MessagePattern(PermissionsSubjects.getPerson)
  async get(@Payload() payload: unknown): Promise<Person> {
    const { body } = parseRequest(GetPersonSchema, payload);
    const person = await this.peopleRepository.get(body.id);
    if (!person)
      throw new DomainError(ErrorCode.NOT_FOUND, `Person ${body.id} does not exist`, { id: body.id });
    return person;
  }
}
