import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AllDeadLettersSchema,
  DATA_SERVICES,
  OpsListDeadLettersQuerySchema,
  ServiceDeadLetterPageSchema,
  ServiceDeadLetterSchema,
  type AllDeadLetters,
  type OpsListDeadLettersQuery,
  type Page,
  type RequestMeta,
  type ServiceDeadLetterView,
} from '@gongkai/contracts';
import { z } from 'zod';
import { Action } from '../../auth/auth.decorators';
import { Meta } from '../../http/request-meta.decorator';
import { ZodValidationPipe } from '../../http/zod-validation.pipe';
import { ApiPathParams, ApiProblems, ApiZodQuery, ApiZodReply, toOpenApi } from '../../openapi/api-schemas';
import { DeadLetterPathPipe, type DeadLetterPath } from './dead-letter-path.pipe';
import { OpsDeadLettersService } from './ops-dead-letters.service';

const LIST_DEAD_LETTERS_DESCRIPTION = [
  'With `service`: asks that data service and answers a page of its dead letters (`?limit=&cursor=`).',
  'Without `service`: asks every data service in parallel (each with the same `status` and `limit`) and answers ' +
    'their dead letters merged, newest `failedAt` first, cut to `limit`, with `nextCursor: null` and `services` ' +
    'reporting each service: `{ parked, replayed, more }`, or `{ error: "<code>: message" }` when it did not answer. ' +
    'One service down does not hide the others: the answer is still 200, so check `services` for errors. ' +
    'To page through a service, list it alone with `service`.',
  '`cursor` without `service` is rejected with 400.',
].join('\n\n');

/**
 * The gateway answers these itself, from `<service>.dead-letters.list|replay` of the data services
 * (contracts' `deadLetterRpcOf`), each letter with the service that parked it.
 */
const deadLetterListReplySchema = {
  oneOf: [
    {
      ...toOpenApi(ServiceDeadLetterPageSchema, 'output'),
      title: 'One service, a page at a time (`service` set)',
    },
    { ...toOpenApi(AllDeadLettersSchema, 'output'), title: 'Every data service merged (`service` omitted)' },
  ],
};

/** Administrators only: the actions are for the permissions service to grant (e.g. to disclosure_admin). */
@ApiTags('ops')
@Controller('ops/dead-letters')
export class OpsDeadLettersController {
  constructor(private readonly opsDeadLettersService: OpsDeadLettersService) {}

  @Get()
  @Action('ops.dead-letters.read')
  @ApiOperation({
    summary: 'List dead letters of one data service, or of all',
    description: LIST_DEAD_LETTERS_DESCRIPTION,
  })
  @ApiZodQuery(OpsListDeadLettersQuerySchema)
  @ApiOkResponse({
    description: 'A page of one service, or every service merged',
    schema: deadLetterListReplySchema,
  })
  @ApiProblems(400, 401, 403, 429, 500, 503, 504)
  list(
    @Query(new ZodValidationPipe(OpsListDeadLettersQuerySchema, 'query')) query: OpsListDeadLettersQuery,
    @Meta() meta: RequestMeta,
  ): Promise<Page<ServiceDeadLetterView> | AllDeadLetters> {
    return this.opsDeadLettersService.list(query, meta);
  }

  @Post(':service/:id/replay')
  @HttpCode(200)
  @Action('ops.dead-letters.replay')
  @ApiOperation({
    summary: 'Replay a dead letter through its consumer',
    description:
      "Applied at most once (through the consumer's inbox). 404: unknown service or dead letter; " +
      '409 CONFLICT: already replayed; 409 PRECONDITION_FAILED: it failed again (fix the cause, then replay again).',
  })
  @ApiPathParams({
    service: { description: 'The data service that parked the dead letter', schema: z.enum(DATA_SERVICES) },
    id: 'The dead letter id, from the list',
  })
  @ApiZodReply(200, 'The replayed dead letter', ServiceDeadLetterSchema)
  @ApiProblems(400, 401, 403, 404, 409, 429, 500, 503, 504)
  replay(
    @Param(DeadLetterPathPipe) path: DeadLetterPath,
    @Meta() meta: RequestMeta,
  ): Promise<ServiceDeadLetterView> {
    return this.opsDeadLettersService.replay(path, meta);
  }
}
