import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACTIONS } from '@gongkai/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ActionFromQuery } from '../../auth/auth.decorators';
import { RouteDecisionSchema, type RouteDecision } from '../../auth/route-decision';
import { ZodValidationPipe } from '../../http/zod-validation.pipe';
import { ApiProblems, ApiZodQuery, ApiZodReply, LIST_PROBLEMS } from '../../openapi/api-schemas';

const PermissionCheckQuerySchema = z
  .object({ action: z.enum(ACTIONS), departmentId: z.uuid().optional() })
  .strict();

/**
 * "May I?" for campus systems: the caller (or the person a client acts for) asks whether it may do
 * an action in a department, e.g. to show or hide a button. The AuthGuard decides it exactly as
 * it would the action's own route, so the answer is 200 when allowed and the same 403 otherwise.
 */
@ApiTags('permissions')
@Controller('permissions')
export class PermissionChecksController {
  @Get('check')
  @ActionFromQuery('action', { departmentFrom: 'query.departmentId' })
  @ApiOperation({
    summary: 'May the caller do `action` in `departmentId` (omitted: school-wide)?',
    description:
      '200 with the decision when allowed; 403 problem+json with the reason and the roles to ask for when not.',
  })
  @ApiZodQuery(PermissionCheckQuerySchema)
  @ApiZodReply(200, 'Allowed: the decision, its binding and until when it holds', RouteDecisionSchema)
  @ApiProblems(...LIST_PROBLEMS)
  check(
    @Query(new ZodValidationPipe(PermissionCheckQuerySchema, 'query')) _query: unknown,
    @Req() request: FastifyRequest,
  ): RouteDecision {
    // The guard decided this very question before the handler ran.
    if (!request.decision)
      throw new Error('GET /permissions/check ran without a decision from the AuthGuard');
    return request.decision;
  }
}
