import { applyDecorators } from '@nestjs/common';
import { ApiParam, type SchemaObject } from '@nestjs/swagger';
import {
  AllDeadLettersSchema,
  DATA_SERVICES,
  ServiceDeadLetterPageSchema,
  ServiceDeadLetterSchema,
} from '@gongkai/contracts';
import { z } from 'zod';

/** Reply schemas of the ops routes, generated from contracts like the shared components. */
function toOpenApi(schema: z.ZodType): SchemaObject {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'output',
  }) as Record<string, unknown>;
  return jsonSchema as SchemaObject;
}

export const deadLetterListReplySchema: SchemaObject = {
  oneOf: [
    { ...toOpenApi(ServiceDeadLetterPageSchema), title: 'One service, a page at a time (`service` set)' },
    { ...toOpenApi(AllDeadLettersSchema), title: 'Every data service merged (`service` omitted)' },
  ],
};

export const replayedDeadLetterSchema = toOpenApi(ServiceDeadLetterSchema);

export const LIST_DEAD_LETTERS_DESCRIPTION = [
  'With `service`: asks that data service and answers a page of its dead letters (`?limit=&cursor=`).',
  'Without `service`: asks every data service in parallel (each with the same `status` and `limit`) and answers ' +
    'their dead letters merged, newest `failedAt` first, cut to `limit`, with `nextCursor: null` and `services` ' +
    'reporting each service: `{ parked, replayed, more }`, or `{ error: "<code>: message" }` when it did not answer. ' +
    'One service down does not hide the others: the answer is still 200, so check `services` for errors. ' +
    'To page through a service, list it alone with `service`.',
  '`cursor` without `service` is rejected with 400.',
].join('\n\n');

export const ApiDeadLetterPathParams = () =>
  applyDecorators(
    ApiParam({
      name: 'service',
      description: 'The data service that parked the dead letter',
      schema: toOpenApi(z.enum(DATA_SERVICES)),
    }),
    ApiParam({ name: 'id', description: 'The dead letter id, from the list', schema: toOpenApi(z.uuid()) }),
  );
