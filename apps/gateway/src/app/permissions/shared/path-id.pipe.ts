import { Injectable, type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@gongkai/contracts';
import { z } from 'zod';
import { GatewayError } from '../../errors/gateway.error';

const IdSchema = z.uuid();

/** `@Param('id', PathIdPipe)`: the `{id}` of a path, which must be a UUID (else 400 located in the path). */
@Injectable()
export class PathIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    const id = IdSchema.safeParse(value);
    if (id.success) return id.data;
    throw new GatewayError(
      ErrorCode.VALIDATION_FAILED,
      'The id in the path is not a UUID. Take the id from the list it appears in.',
      { errors: [{ in: 'path', pointer: '/id', code: 'invalid_format', message: 'Expected a UUID' }] },
    );
  }
}
