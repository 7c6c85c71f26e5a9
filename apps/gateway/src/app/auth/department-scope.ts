import { ErrorCode } from '@gongkai/contracts';
import { z } from 'zod';
import { GatewayError } from '../errors/gateway.error';
import type { DepartmentSource } from './auth.decorators';

const DepartmentIdSchema = z.uuid();

const LOCATIONS = { body: 'body', params: 'path', query: 'query' } as const;

export interface ScopedRequest {
  body?: unknown;
  params?: unknown;
  query?: unknown;
}

/**
 * The department a request targets, read from where its route says (`@Action(…, { departmentFrom })`).
 * The guard runs before validation, so the value is checked here: missing or null means a
 * school-wide target (the strictest scope, so a missing field never widens access); anything
 * else must be a department id.
 */
export function departmentIdOf(request: ScopedRequest, source: DepartmentSource): string | null {
  const dot = source.indexOf('.');
  const part = source.slice(0, dot) as keyof typeof LOCATIONS;
  const field = source.slice(dot + 1);
  const container = request[part];
  const value =
    container !== null && typeof container === 'object'
      ? (container as Record<string, unknown>)[field]
      : undefined;
  if (value === undefined || value === null) return null;
  const parsed = DepartmentIdSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new GatewayError(
    ErrorCode.VALIDATION_FAILED,
    `\`${field}\` must be a department id (a UUID). Take it from GET /api/v1/departments.`,
    {
      errors: [
        { in: LOCATIONS[part], pointer: `/${field}`, code: 'invalid_format', message: 'Expected a UUID' },
      ],
    },
  );
}
