import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@gongkai/contracts';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { GatewayError } from '../errors/gateway.error';
import { problemRef } from '../openapi/api-schemas';
import { ReadinessService, type Readiness } from './readiness.service';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly readinessService: ReadinessService) {}

  /** Liveness: the process runs and serves HTTP. */
  @Get('healthz')
  @ApiOkResponse({ description: 'The gateway process is alive' })
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: NATS is connected and every service answers its health subject within ~1 s. */
  @Get('readyz')
  @ApiOkResponse({ description: 'NATS and every service answer' })
  @ApiResponse({ status: 503, description: 'Someone did not answer; see `checks`', content: problemRef })
  async readiness(@Req() request: FastifyRequest): Promise<Readiness> {
    const readiness = await this.readinessService.check(String(request.id));
    if (readiness.ready) return readiness;
    const missing = [
      ...(readiness.nats === 'ok' ? [] : ['NATS']),
      ...readiness.services.filter((check) => check.status !== 'ok').map((check) => check.service),
    ];
    throw new GatewayError(
      ErrorCode.UNAVAILABLE,
      `Not ready: ${missing.join(', ')} did not answer within 1 s. Start or fix them; /readyz turns 200 once all answer.`,
      { extensions: { checks: readiness } },
    );
  }
}
