import type { ErrorBody } from '@gongkai/contracts';
import { ErrorCode } from '@gongkai/contracts';
import { isErrorBody } from './rpc-errors';

/**
 * The bytes on the wire are NestJS's NATS packets, so a `@MessagePattern` handler behind
 * ServiceNatsServer and a plain NATS client (ServiceClient, serveRpc, the `nats` CLI) understand
 * each other: request `{ id, pattern, data }`, reply `{ id, response }` or `{ id, err }`.
 */
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/**
 * A reply larger than this is sent gzip-compressed with `Content-Encoding: gzip` (ServiceClient
 * inflates it): the annual report of a large catalogue is JSON several times NATS's 1 MB
 * max_payload that compresses about tenfold. Smaller replies are sent as they are: a page of 50
 * catalogue items is about 70 KB, and compressing it cost the service and the gateway more CPU
 * than carrying it (issue 13's bench: gzip about 1 ms a page on our machine).
 */
export const REPLY_ENCODING_HEADER = 'Content-Encoding';
export const COMPRESS_REPLIES_ABOVE_BYTES = 256 * 1024;

export interface RpcRequestPacket {
  id: string;
  pattern: string;
  data: unknown;
}

export type RpcReply<TResult = unknown> = { ok: true; result: TResult } | { ok: false; error: ErrorBody };

export function encodeRequest(packet: RpcRequestPacket): string {
  return JSON.stringify(packet);
}

export function encodeResult(id: string, result: unknown): string {
  return JSON.stringify({ id, response: result, isDisposed: true });
}

export function encodeError(id: string, error: ErrorBody): string {
  return JSON.stringify({ id, err: error, isDisposed: true });
}

/** Reads a Nest reply packet. A non-typed `err` (e.g. Nest's "no matching handler") becomes INTERNAL. */
export function decodeReply<TResult>(raw: string): RpcReply<TResult> {
  let packet: { response?: unknown; err?: unknown };
  try {
    packet = JSON.parse(raw) as typeof packet;
  } catch {
    return {
      ok: false,
      error: { code: ErrorCode.INTERNAL, message: 'The service sent a reply that is not JSON' },
    };
  }
  if (packet === null || typeof packet !== 'object') {
    return { ok: false, error: { code: ErrorCode.INTERNAL, message: 'The service sent a malformed reply' } };
  }
  if (packet.err !== undefined && packet.err !== null) {
    if (isErrorBody(packet.err)) return { ok: false, error: packet.err };
    return {
      ok: false,
      error: {
        code: ErrorCode.INTERNAL,
        message: typeof packet.err === 'string' ? packet.err : 'Remote error',
      },
    };
  }
  return { ok: true, result: packet.response as TResult };
}
