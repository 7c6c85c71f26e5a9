import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@gongkai/contracts';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { GatewayError } from '../errors/gateway.error';
import { problemRef } from '../openapi/api-schemas';
import { ReadinessService, type Readiness, type ServiceCheck } from './readiness.service';

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

  /**
   * Readiness: NATS is connected and every service answers its health subject within ~1 s and is
   * ready (it can publish and consume). Each service is listed with its status and reasons.
   */
  @Get('readyz')
  @ApiOkResponse({
    description: 'NATS is connected and every service is ready (some may be `degraded`, with warnings)',
  })
  @ApiResponse({
    status: 503,
    description: 'NATS or a service is not ready; `checks.services` names each with its reasons',
    content: problemRef,
  })
  async readiness(@Req() request: FastifyRequest): Promise<Readiness> {
    const readiness = await this.readinessService.check(String(request.id));
    if (readiness.ready) return readiness;
    const notReady = [
      ...(readiness.nats === 'ok' ? [] : ['NATS did not answer within 1 s']),
      ...readiness.services
        .filter((check) => check.status === 'unavailable')
        .map((check) => `${check.service} ${describeNotReady(check)}`),
    ];
    throw new GatewayError(
      ErrorCode.UNAVAILABLE,
      `Not ready: ${notReady.join('; ')}. Start or fix them; /readyz turns 200 once all are ready.`,
      { extensions: { checks: readiness } },
    );
  }
}

function describeNotReady(check: ServiceCheck): string {
  const reasons = (check.reasons ?? []).join('; ');
  return check.answered ? `is not ready (${reasons})` : `did not answer within 1 s (${reasons})`;
}
