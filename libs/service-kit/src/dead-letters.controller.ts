import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListDeadLettersSchema,
  ReplayDeadLetterSchema,
  deadLetterSubjectsOf,
  type DataServiceName,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { MessagingLifecycle } from './messaging-lifecycle';

/** Answers `<service>.dead-letters.list|replay` for this service's own dead-letter table. */
export function createDeadLettersController(service: DataServiceName): Type<unknown> {
  const subjects = deadLetterSubjectsOf(service);

  @Controller()
  class DeadLettersController {
    constructor(private readonly messaging: MessagingLifecycle) {}

    @MessagePattern(subjects.list)
    list(@Payload() payload: unknown) {
      const { body } = parseRequest(ListDeadLettersSchema, payload);
      return this.messaging.runtime.deadLetters.list(body);
    }

    @MessagePattern(subjects.replay)
    replay(@Payload() payload: unknown) {
      const { body } = parseRequest(ReplayDeadLetterSchema, payload);
      return this.messaging.runtime.deadLetters.replay(body.id);
    }
  }
  return DeadLettersController;
}
