import { ErrorCode, type ErrorBody } from '@gongkai/contracts';

/** nats-server's default `max_payload` (1 MB); the connected server's own figure is used when known. */
export const DEFAULT_NATS_MAX_PAYLOAD_BYTES = 1_048_576;

/** Room left for the reply's headers and packet framing within `max_payload`. */
export const REPLY_OVERHEAD_BYTES = 4096;

/**
 * The error a caller gets instead of a reply too large for the bus (which nats-server would refuse
 * and the caller would wait out as a timeout).
 */
export function replyTooLarge(subject: string, bytes: number, maxPayloadBytes: number): ErrorBody {
  return {
    code: ErrorCode.INTERNAL,
    message:
      `The answer to ${subject} is ${bytes} bytes, more than the message bus carries ` +
      `(${maxPayloadBytes - REPLY_OVERHEAD_BYTES} bytes): ask for fewer items (a smaller limit), or narrow the query`,
    details: { subject, bytes, maxBytes: maxPayloadBytes - REPLY_OVERHEAD_BYTES },
  };
}
