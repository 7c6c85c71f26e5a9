import { EventEnvelopeSchema, type EventEnvelope } from '@gongkai/contracts';
import type { SqlClient, TransactionalSqlClient } from '../sql-client';
import type { EventConsumer, EventHandler } from './event-consumer';
import { PoisonMessageError } from './poison-message.error';

export type ProcessOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Applies one raw event for one consumer, exactly once: the inbox row and the handler's state
 * change commit in one transaction, so a redelivered event finds its inbox row and does nothing.
 */
export class InboxProcessor<TTx extends SqlClient = SqlClient> {
  constructor(
    private readonly db: TransactionalSqlClient<TTx>,
    readonly consumerKey: string,
    private readonly consumer: EventConsumer<TTx>,
    private readonly txOptions: { timeout?: number; maxWait?: number } = {}, // CONSUMER_TX_TIMEOUT_MS
  ) {}

  async process(raw: string): Promise<{ outcome: ProcessOutcome; envelope: EventEnvelope }> {
    const envelope = this.parseEnvelope(raw);
    const handler = this.findHandler(envelope);
    if (!handler) {
      if (this.consumer.handlers.some((known) => known.definition.type === envelope.type)) {
        throw new PoisonMessageError(`No handler for ${envelope.type} version ${envelope.version}`);
      }
      // Another event on the same subject filter that this consumer does not care about.
      return { outcome: 'ignored', envelope };
    }
    const payload = handler.definition.payload.safeParse(envelope.payload);
    if (!payload.success) {
      throw new PoisonMessageError(
        `Payload of ${envelope.type} v${envelope.version} is invalid`,
        payload.error.issues,
      );
    }
    const outcome = await this.db.$transaction(async (tx) => {
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO "inbox" ("consumer", "event_id", "type") VALUES ($1, $2::uuid, $3)
         ON CONFLICT ("consumer", "event_id") DO NOTHING`,
        this.consumerKey,
        envelope.id,
        envelope.type,
      );
      if (inserted === 0) return 'duplicate' as const;
      await handler.handle(payload.data, { ...envelope, payload: payload.data }, tx);
      return 'applied' as const;
    }, this.txOptions);
    return { outcome, envelope };
  }

  private parseEnvelope(raw: string): EventEnvelope {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new PoisonMessageError('Message is not JSON');
    }
    const parsed = EventEnvelopeSchema.safeParse(json);
    if (!parsed.success)
      throw new PoisonMessageError('Message is not a valid event envelope', parsed.error.issues);
    return parsed.data;
  }

  private findHandler(envelope: EventEnvelope): EventHandler<TTx> | undefined {
    return this.consumer.handlers.find(
      (handler) =>
        handler.definition.type === envelope.type && handler.definition.version === envelope.version,
    );
  }
}
