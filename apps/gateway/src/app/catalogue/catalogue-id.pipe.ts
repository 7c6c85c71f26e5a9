import { Injectable, type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@gongkai/contracts';
import { z } from 'zod';
import { GatewayError } from '../errors/gateway.error';

const IdSchema = z.uuid();

/** `@Param('itemId', new CatalogueIdPipe('itemId'))`: a UUID in the path, else 400 located there. */
@Injectable()
export class CatalogueIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    const id = IdSchema.safeParse(value);
    if (id.success) return id.data;
    throw new GatewayError(
      ErrorCode.VALIDATION_FAILED,
      `The ${this.name} in the path is not a UUID. Take it from the list it appears in.`,
      {
        errors: [
          { in: 'path', pointer: `/${this.name}`, code: 'invalid_format', message: 'Expected a UUID' },
        ],
      },
    );
  }
}

export const itemIdPipe = new CatalogueIdPipe('itemId');
export const publicationIdPipe = new CatalogueIdPipe('publicationId');
