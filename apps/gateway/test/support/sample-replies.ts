import {
  CatalogueRpc,
  ComplaintsRpc,
  PermissionsRpc,
  ReportsRpc,
  RoundsRpc,
  type RpcDefinition,
  type RpcResult,
} from '@gongkai/contracts';
import { z } from 'zod';

/**
 * Stand-ins answer with a reply of the right shape, because the gateway checks replies against
 * their definitions in tests (as in development): a placeholder would come back as a 500.
 */
const DEFINITIONS = new Map<string, RpcDefinition>(
  [
    ...Object.values(PermissionsRpc),
    ...Object.values(CatalogueRpc),
    ...Object.values(RoundsRpc),
    ...Object.values(ComplaintsRpc),
    ...Object.values(ReportsRpc),
  ].map((definition) => [definition.subject, definition]),
);

export function definitionOf(subject: string): RpcDefinition {
  const definition = DEFINITIONS.get(subject);
  if (!definition) throw new Error(`No definition of ${subject} in contracts`);
  return definition;
}

/** The smallest reply its definition accepts: required fields only, nulls and empty lists where allowed. */
export function sampleReplyOf<TDefinition extends RpcDefinition>(
  definition: TDefinition,
): RpcResult<TDefinition>;
export function sampleReplyOf(subject: string): unknown;
export function sampleReplyOf(subjectOrDefinition: string | RpcDefinition): unknown {
  const definition =
    typeof subjectOrDefinition === 'string' ? definitionOf(subjectOrDefinition) : subjectOrDefinition;
  const sample = sampleOf(
    z.toJSONSchema(definition.reply, { io: 'output', unrepresentable: 'any' }) as JsonSchema,
  );
  // A sampler bug must show here, not as a puzzling 500 from the gateway.
  return definition.reply.parse(sample);
}

interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

const STRINGS: Record<string, string> = {
  uuid: '0190b3a4-7c1e-7c3a-8f00-00000000fa11',
  'date-time': '2024-09-01T08:00:00.000Z',
  date: '2024-09-01',
};

function sampleOf(schema: JsonSchema): unknown {
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices)
    return sampleOf(choices.find((choice) => choice.type === 'null') ?? (choices[0] as JsonSchema));
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, sampleOf(schema.properties?.[key] ?? {})]),
      );
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items ?? {}));
    case 'string':
      return STRINGS[schema.format ?? ''] ?? 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return Math.max(0, schema.minimum ?? 0);
    case 'boolean':
      return false;
    default:
      return null;
  }
}
