import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  OpsListDeadLettersQuerySchema,
  type AllDeadLetters,
  type OpsListDeadLettersQuery,
  type Page,
  type RequestMeta,
  type ServiceDeadLetterView,
} from '@gongkai/contracts';
import { Action } from '../../auth/auth.decorators';
import { Meta } from '../../http/request-meta.decorator';
import { ZodValidationPipe } from '../../http/zod-validation.pipe';
import { ApiProblems, ApiZodQuery } from '../../openapi/api-schemas';
import { DeadLetterPathPipe, type DeadLetterPath } from './dead-letter-path.pipe';
import {
  ApiDeadLetterPathParams,
  LIST_DEAD_LETTERS_DESCRIPTION,
  deadLetterListReplySchema,
  replayedDeadLetterSchema,
} from './ops-dead-letters.openapi';
import { OpsDeadLettersService } from './ops-dead-letters.service';

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
  @ApiDeadLetterPathParams()
  @ApiOkResponse({ description: 'The replayed dead letter', schema: replayedDeadLetterSchema })
  @ApiProblems(400, 401, 403, 404, 409, 429, 500, 503, 504)
  replay(
    @Param(DeadLetterPathPipe) path: DeadLetterPath,
    @Meta() meta: RequestMeta,
  ): Promise<ServiceDeadLetterView> {
    return this.opsDeadLettersService.replay(path, meta);
  }
}
