import { Injectable, type PipeTransform } from '@nestjs/common';
import { DATA_SERVICES, ErrorCode, type DataServiceName } from '@gongkai/contracts';
import { z } from 'zod';
import { GatewayError } from '../../errors/gateway.error';

export interface DeadLetterPath {
  service: DataServiceName;
  id: string;
}

const DeadLetterIdSchema = z.uuid();

function isDataService(value: unknown): value is DataServiceName {
  return (DATA_SERVICES as readonly unknown[]).includes(value);
}

/**
 * `/ops/dead-letters/{service}/{id}`: an unknown service is a resource that does not exist
 * (404, naming the valid ones); a malformed id is a bad request (400). Checked in that order.
 */
@Injectable()
export class DeadLetterPathPipe implements PipeTransform<Record<string, string | undefined>, DeadLetterPath> {
  transform(params: Record<string, string | undefined>): DeadLetterPath {
    const { service, id } = params;
    if (!isDataService(service)) {
      throw new GatewayError(
        ErrorCode.NOT_FOUND,
        `No data service ${JSON.stringify(String(service).slice(0, 64))} keeps dead letters. ` +
          `Use one of: ${DATA_SERVICES.join(', ')}.`,
        { extensions: { services: [...DATA_SERVICES] } },
      );
    }
    const parsedId = DeadLetterIdSchema.safeParse(id);
    if (!parsedId.success) {
      throw new GatewayError(
        ErrorCode.VALIDATION_FAILED,
        'The dead letter id in the path is not a UUID. Take the id from GET /api/v1/ops/dead-letters.',
        { errors: [{ in: 'path', pointer: '/id', code: 'invalid_format', message: 'Expected a UUID' }] },
      );
    }
    return { service, id: parsedId.data };
  }
}
