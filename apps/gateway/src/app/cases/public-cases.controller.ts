import { Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ComplaintsRpc,
  ErrorCode,
  TrackingNoSchema,
  type PublicSubmission,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Public } from '../auth/auth.decorators';
import { GatewayError } from '../errors/gateway.error';
import { RouteBody, RpcRoute } from '../http/rpc-route';
import { PublicMeta } from '../public/public-meta.decorator';

const CodeSchema = z.string().trim().min(1).max(64);

/**
 * The public side of cases: a web submission without an account (rate limited per address and
 * size limited, see public-submission-limits.ts) answers a tracking number and a verification
 * code; the tracking page shows status and public replies to whoever has both. A wrong code and an
 * unknown number get the same 404.
 */
@ApiTags('public')
@Public()
@Controller('public/cases')
export class PublicCasesController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Post()
  @RpcRoute(ComplaintsRpc.publicSubmit, {
    public: true,
    summary: 'Submit a complaint, an application or a report from the web (no account)',
    body: 'request',
    status: 201,
    reply: 'The tracking number and the verification code (shown once)',
    problems: [400, 413, 415, 429, 503, 504],
  })
  submit(@RouteBody() body: PublicSubmission, @PublicMeta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.publicSubmit, body, meta);
  }

  @Get(':trackingNo')
  @ApiHeader({
    name: 'X-Verification-Code',
    required: true,
    description: 'The code given with the tracking number',
  })
  @RpcRoute(ComplaintsRpc.publicTrack, {
    public: true,
    summary: 'Track a case by its number: status and public replies only',
    params: {
      trackingNo: { description: 'The tracking number (GK20240901-7KQ2M9)', schema: TrackingNoSchema },
    },
    reply: 'The case as the requester sees it',
    problems: [400, 404, 429, 503, 504],
  })
  track(
    @Param('trackingNo') trackingNo: string,
    @Headers('x-verification-code') code: string | undefined,
    @PublicMeta() meta: RequestMeta,
  ) {
    const number = TrackingNoSchema.safeParse(trackingNo);
    const verification = CodeSchema.safeParse(code);
    if (!number.success || !verification.success) {
      throw new GatewayError(
        ErrorCode.VALIDATION_FAILED,
        'Send the tracking number in the path and the code in X-Verification-Code.',
        {
          errors: [
            ...(number.success
              ? []
              : [
                  {
                    in: 'path' as const,
                    pointer: '/trackingNo',
                    code: 'invalid_format',
                    message: 'Not a tracking number',
                  },
                ]),
            ...(verification.success
              ? []
              : [
                  {
                    in: 'header' as const,
                    pointer: '/x-verification-code',
                    code: 'invalid_type',
                    message: 'Required',
                  },
                ]),
          ],
        },
      );
    }
    return this.serviceClient.request(
      ComplaintsRpc.publicTrack,
      { trackingNo: number.data, verificationCode: verification.data },
      meta,
    );
  }
}
