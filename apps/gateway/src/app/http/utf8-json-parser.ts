import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../errors/gateway.error';
import { GatewayErrorCode } from '../errors/rpc-error.mapper';

/**
 * JSON bodies must be UTF-8 (RFC 8259 §8.1). Fastify's own parser decodes the bytes with
 * replacement characters, so a body with invalid UTF-8 was stored with U+FFFD where its bytes were.
 * This parser decodes strictly and refuses such a body with 400, then parses as Fastify does
 * (the same body limit, prototype-poisoning checks and errors).
 */
export function installUtf8JsonParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      done(
        new GatewayError(
          GatewayErrorCode.MALFORMED_JSON,
          'The body is not valid UTF-8. Send JSON encoded as UTF-8 (RFC 8259).',
        ),
        undefined,
      );
      return;
    }
    void parseJson(request, text, done);
  });
}
