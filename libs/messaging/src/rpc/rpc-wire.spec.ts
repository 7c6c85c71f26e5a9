import { DomainError, ErrorCode } from '@gongkai/contracts';
import { z } from 'zod';
import { RemoteCallError, toErrorBody } from './rpc-errors';
import { decodeReply, encodeError, encodeResult } from './rpc-wire';

describe('rpc wire format', () => {
  it('round-trips a result', () => {
    expect(decodeReply(encodeResult('1', { a: 1 }))).toEqual({ ok: true, result: { a: 1 } });
  });

  it('round-trips a typed error', () => {
    const error = { code: ErrorCode.CONFLICT, message: 'taken', details: { code: 'CS' } };
    expect(decodeReply(encodeError('1', error))).toEqual({ ok: false, error });
  });

  it('reads an untyped Nest error (no matching handler) as INTERNAL', () => {
    const raw = JSON.stringify({
      id: '1',
      err: 'There is no matching message handler defined in the remote service.',
    });
    expect(decodeReply(raw)).toEqual({
      ok: false,
      error: {
        code: ErrorCode.INTERNAL,
        message: 'There is no matching message handler defined in the remote service.',
      },
    });
  });

  it('reads a reply that is not JSON as INTERNAL', () => {
    expect(decodeReply('<html>')).toMatchObject({ ok: false, error: { code: ErrorCode.INTERNAL } });
  });
});

describe('toErrorBody', () => {
  it('keeps the code of a DomainError', () => {
    expect(toErrorBody(new DomainError(ErrorCode.NOT_FOUND, 'no such department', { id: 'x' }))).toEqual({
      body: { code: ErrorCode.NOT_FOUND, message: 'no such department', details: { id: 'x' } },
      internal: false,
    });
  });

  it('passes on the error of a downstream call', () => {
    const body = { code: ErrorCode.TIMEOUT, message: 'slow' };
    expect(toErrorBody(new RemoteCallError('rounds.x.y', body)).body).toEqual(body);
  });

  it('turns a zod error into VALIDATION_FAILED without the rejected input', () => {
    const result = z.object({ secret: z.number() }).safeParse({ secret: 'hunter2' });
    const { body } = toErrorBody(result.error);
    expect(body.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(body.details).toEqual([expect.objectContaining({ path: ['secret'], code: 'invalid_type' })]);
  });

  it('hides anything else behind INTERNAL', () => {
    const { body, internal } = toErrorBody(new Error('password=hunter2 at db.ts:12'));
    expect(body).toEqual({ code: ErrorCode.INTERNAL, message: 'Internal error' });
    expect(internal).toBe(true);
  });
});
