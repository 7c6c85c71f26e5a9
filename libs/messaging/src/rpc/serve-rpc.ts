import type { Msg, MsgHdrs, NatsConnection, Subscription } from '@nats-io/transport-node';
import { nuid } from '@nats-io/transport-node';
import { prefixSubject } from './prefix';
import { toErrorBody } from './rpc-errors';
import { encodeError, encodeResult } from './rpc-wire';

export interface RpcCall {
  /** `data` of the request packet: `{ meta, body }` from ServiceClient. */
  payload: unknown;
  headers: MsgHdrs | undefined;
  /** The subject as received, prefix included. */
  subject: string;
}

export interface ServeRpcOptions {
  prefix: string;
  /** Unprefixed subject, from contracts. */
  subject: string;
  /** Unprefixed queue group; none by default. */
  queue?: string;
}

/**
 * Answers one subject on a plain NATS connection, with the same wire format and error mapping
 * as a `@MessagePattern` behind ServiceNatsServer. For stand-ins in other apps' tests and for
 * small tools that do not boot Nest; services use ServiceNatsServer.
 */
export function serveRpc(
  connection: NatsConnection,
  options: ServeRpcOptions,
  handler: (call: RpcCall) => unknown,
): Subscription {
  return connection.subscribe(prefixSubject(options.prefix, options.subject), {
    queue: options.queue === undefined ? undefined : prefixSubject(options.prefix, options.queue),
    callback: (error, msg) => {
      if (error) return;
      void answer(msg, handler);
    },
  });
}

async function answer(msg: Msg, handler: (call: RpcCall) => unknown): Promise<void> {
  let packet: { id?: string; data?: unknown } | undefined;
  try {
    packet = msg.data.length === 0 ? undefined : (msg.json() as typeof packet);
  } catch {
    packet = undefined;
  }
  const id = packet?.id ?? nuid.next();
  let reply: string;
  try {
    const result = await handler({ payload: packet?.data, headers: msg.headers, subject: msg.subject });
    reply = encodeResult(id, result);
  } catch (error) {
    reply = encodeError(id, toErrorBody(error).body);
  }
  if (msg.reply) msg.respond(reply);
}
