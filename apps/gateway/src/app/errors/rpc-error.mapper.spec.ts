import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DomainError, ErrorCode } from '@gongkai/contracts';
import { RemoteCallError } from '@gongkai/messaging';
import { GatewayError } from './gateway.error';
import { fieldErrorsFromIssues, statusOf, toProblem } from './rpc-error.mapper';

const context = { instance: '/api/v1/departments', correlationId: 'c-1', bodyLimitBytes: 1_048_576 };

describe('rpc error mapper', () => {
  it.each([
    [ErrorCode.VALIDATION_FAILED, 400],
    [ErrorCode.NOT_FOUND, 404],
    [ErrorCode.CONFLICT, 409],
    [ErrorCode.FORBIDDEN, 403],
    [ErrorCode.UNAUTHENTICATED, 401],
    [ErrorCode.PRECONDITION_FAILED, 409],
    [ErrorCode.TIMEOUT, 504],
    [ErrorCode.UNAVAILABLE, 503],
    [ErrorCode.INTERNAL, 500],
  ])('maps %s to %i', (code, status) => {
    expect(statusOf(code)).toBe(status);
    const { problem } = toProblem(
      new RemoteCallError('permissions.departments.create', { code, message: 'm' }),
      context,
    );
    expect(problem).toMatchObject({ status, code, instance: '/api/v1/departments', correlationId: 'c-1' });
  });

  it("carries a service's own reason beside the category, so a client can tell one conflict from another", () => {
    const { status, problem } = toProblem(
      new RemoteCallError('permissions.departments.create', {
        code: ErrorCode.CONFLICT,
        reason: 'DEPARTMENT_CODE_TAKEN',
        message: 'A department with code CS already exists; choose another code',
      }),
      context,
    );
    expect(status).toBe(409);
    expect(problem).toMatchObject({ code: 'CONFLICT', reason: 'DEPARTMENT_CODE_TAKEN' });
    expect(
      toProblem(new RemoteCallError('x', { code: ErrorCode.CONFLICT, message: 'm' }), context).problem,
    ).not.toHaveProperty('reason');
  });

  it('keeps a local DomainError code', () => {
    expect(toProblem(new DomainError(ErrorCode.CONFLICT, 'taken'), context).status).toBe(409);
  });

  it('passes a GatewayError through with its errors and extensions', () => {
    const { problem } = toProblem(
      new GatewayError(ErrorCode.UNAVAILABLE, 'Not ready.', { extensions: { checks: { nats: 'ok' } } }),
      context,
    );
    expect(problem).toMatchObject({ status: 503, detail: 'Not ready.', checks: { nats: 'ok' } });
  });

  it('maps Fastify body errors surfaced by Nest', () => {
    const fastifyError = (code: string) => Object.assign(new Error('x'), { code });
    expect(
      toProblem(
        new HttpException('too large', 413, { cause: fastifyError('FST_ERR_CTP_BODY_TOO_LARGE') }),
        context,
      ).problem.code,
    ).toBe('PAYLOAD_TOO_LARGE');
    expect(toProblem(new HttpException('media', 415), context).problem.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(
      toProblem(
        new HttpException('bad json', 400, { cause: fastifyError('FST_ERR_CTP_INVALID_JSON_BODY') }),
        context,
      ).problem.code,
    ).toBe('MALFORMED_JSON');
    expect(toProblem(new BadRequestException('plain'), context).problem.code).toBe('VALIDATION_FAILED');
    expect(toProblem(new NotFoundException('Cannot GET /x'), context).problem.detail).toContain('GET /x');
  });

  it('hides unknown errors behind a 500 and flags them for logging', () => {
    const mapped = toProblem(new Error('secret internals'), context);
    expect(mapped).toMatchObject({ status: 500, isServerFault: true, problem: { code: 'INTERNAL' } });
    expect(JSON.stringify(mapped.problem)).not.toContain('secret');
  });

  it('does not pass on the details of a remote 5xx', () => {
    const { problem } = toProblem(
      new RemoteCallError('x.y.z', {
        code: ErrorCode.UNAVAILABLE,
        message: 'db down',
        details: { host: 'db-1' },
      }),
      context,
    );
    expect(problem).not.toHaveProperty('details');
  });
});

describe('fieldErrorsFromIssues', () => {
  it('locates issues in body or query with JSON pointers, one entry per unknown key', () => {
    expect(
      fieldErrorsFromIssues([
        { code: 'invalid_type', path: ['body', 'items', 0, 'a/b'], message: 'bad' },
        { code: 'unrecognized_keys', path: ['query'], keys: ['x', 'y'], message: 'Unrecognized keys' },
        { code: 'custom', path: ['name'], message: 'no prefix' },
      ]),
    ).toEqual([
      { in: 'body', pointer: '/items/0/a~1b', code: 'invalid_type', message: 'bad' },
      { in: 'query', pointer: '/x', code: 'unrecognized_keys', message: 'Unknown field "x": remove it.' },
      { in: 'query', pointer: '/y', code: 'unrecognized_keys', message: 'Unknown field "y": remove it.' },
      { in: 'body', pointer: '/name', code: 'custom', message: 'no prefix' },
    ]);
  });

  it('ignores details that are not a list of issues', () => {
    expect(fieldErrorsFromIssues({ reason: 'x' })).toEqual([]);
  });
});
