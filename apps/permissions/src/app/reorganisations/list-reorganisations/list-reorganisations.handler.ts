import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListReorganisationsSchema,
  PermissionsSubjects,
  type Page,
  type Reorganisation,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { ReorganisationsRepository } from '../reorganisations.repository';

/** GET /reorganisations, oldest first; `departmentId` keeps those that touched it. */
@Controller()
export class ListReorganisationsHandler {
  constructor(private readonly reorganisationsRepository: ReorganisationsRepository) {}

  @MessagePattern(PermissionsSubjects.listReorganisations)
  list(@Payload() payload: unknown): Promise<Page<Reorganisation>> {
    const { body } = parseRequest(ListReorganisationsSchema, payload);
    return this.reorganisationsRepository.list(body);
  }
}
