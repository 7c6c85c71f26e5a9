import { EventEnvelopeSchema, type EventEnvelope } from '@gongkai/contracts';
import type { SqlClient, TransactionalSqlClient } from '../sql-client';
import { versionedKeysOf, type VersionedKey } from '../ordering/aggregate-key';
import { ConsumerPositionRepository } from '../ordering/consumer-position.repository';
import { HeldEventRepository } from '../ordering/held-event.repository';
import type { EventConsumer, EventHandler } from './event-consumer';
import { PoisonMessageError } from './poison-message.error';
import { faultPoint } from '../faults/fault-hook';
import { emittedIn } from '../outbox/outbox.writer';

/**
 * `held`: an ordered consumer got this event before an earlier version of one of its
 * aggregates; it waits in `held_event` and is applied when its turn comes.
 */
export type ProcessOutcome = 'applied' | 'duplicate' | 'ignored' | 'held';

/** Where a message came from, kept with a held event. */
export interface MessageOrigin {
  subject: string;
  streamSeq: bigint;
}

export interface InboxProcessorOptions {
  /** Each event's transaction may run this long (a reorganisation can touch hundreds of rows). */
  transactionTimeoutMs: number;
  /** After a commit whose handler emitted events: wakes the outbox relay instead of leaving them to its poll. */
  onEventsEmitted?: () => void;
}

const DEFAULT_OPTIONS: InboxProcessorOptions = { transactionTimeoutMs: 60_000 };

interface Parsed {
  envelope: EventEnvelope;
  handler: EventHandler | undefined;
  payload: unknown;
}

/**
 * Applies one raw event for one consumer, exactly once: the inbox row and the handler's state
 * change commit in one transaction, so a redelivered event finds its inbox row and does nothing.
 * Ordered consumers also apply each aggregate's events in version order (see ConsumerOrdering).
 */
export class InboxProcessor<TTx extends SqlClient = SqlClient> {
  private readonly options: InboxProcessorOptions;

  constructor(
    private readonly db: TransactionalSqlClient<TTx>,
    readonly consumerKey: string,
    private readonly consumer: EventConsumer<TTx>,
    options: Partial<InboxProcessorOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  get ordered(): boolean {
    return (this.consumer.ordering ?? 'aggregate-version') === 'aggregate-version';
  }

  async process(
    raw: string,
    origin: MessageOrigin = { subject: '', streamSeq: 0n },
  ): Promise<{ outcome: ProcessOutcome; envelope: EventEnvelope }> {
    const parsed = this.parse(raw);
    if (!this.ordered) {
      if (!parsed.handler) return { outcome: 'ignored', envelope: parsed.envelope };
      return { outcome: await this.applyIndependent(parsed), envelope: parsed.envelope };
    }
    const outcome = await this.applyInTurn(parsed, raw, origin);
    if (outcome === 'applied' || outcome === 'ignored') {
      await this.releaseHeld(versionedKeysOf(parsed.envelope).map((entry) => entry.key));
    }
    return { outcome, envelope: parsed.envelope };
  }

  /**
   * Tries every held event again (oldest first): those whose turn has come are applied. Run
   * periodically, so an event held just before its predecessor's process died is not forgotten.
   */
  async releaseAllHeld(): Promise<number> {
    return this.releaseHeld(null);
  }

  private async applyIndependent(parsed: Parsed): Promise<ProcessOutcome> {
    const handler = parsed.handler as EventHandler<TTx>;
    return this.inTransaction(async (tx) => {
      if (!(await this.recordInInbox(tx, parsed.envelope))) return 'duplicate' as const;
      await handler.handle(parsed.payload, { ...parsed.envelope, payload: parsed.payload }, tx);
      faultPoint('consumer.before-commit');
      return 'applied' as const;
    });
  }

  /** One event's transaction; once it has committed, wakes the relay if the handler emitted events. */
  private async inTransaction<T>(work: (tx: TTx) => Promise<T>): Promise<T> {
    let emitted = false;
    const result = await this.db.$transaction(
      async (tx) => {
        const value = await work(tx);
        emitted = emittedIn(tx);
        return value;
      },
      { timeout: this.options.transactionTimeoutMs },
    );
    if (emitted) this.options.onEventsEmitted?.();
    return result;
  }

  private async applyInTurn(parsed: Parsed, raw: string, origin: MessageOrigin): Promise<ProcessOutcome> {
    const { envelope } = parsed;
    const keys = versionedKeysOf(envelope);
    const names = keys.map((entry) => entry.key);
    return this.inTransaction(async (tx) => {
      await ConsumerPositionRepository.lock(tx, this.consumerKey, names);
      const positions = await ConsumerPositionRepository.positions(tx, this.consumerKey, names);
      const early = keys.filter((entry) => entry.version > (positions.get(entry.key) ?? 0) + 1);
      if (early.length > 0) {
        await HeldEventRepository.hold(tx, {
          consumer: this.consumerKey,
          eventId: envelope.id,
          aggregates: names,
          waitingFor: describeWait(early, positions),
          subject: origin.subject,
          streamSeq: origin.streamSeq,
          rawMessage: raw,
        });
        return 'held' as const;
      }
      await HeldEventRepository.release(tx, this.consumerKey, envelope.id);
      // Every version already applied: a redelivery whose inbox row has been swept away.
      if (keys.every((entry) => entry.version <= (positions.get(entry.key) ?? 0)))
        return 'duplicate' as const;
      if (!(await this.recordInInbox(tx, envelope))) return 'duplicate' as const;
      if (parsed.handler) {
        const handler = parsed.handler as EventHandler<TTx>;
        await handler.handle(parsed.payload, { ...envelope, payload: parsed.payload }, tx);
      }
      // Events this consumer does not handle still move the aggregate on, or its next event would wait for ever.
      await ConsumerPositionRepository.advance(tx, this.consumerKey, keys);
      faultPoint('consumer.before-commit');
      return parsed.handler ? ('applied' as const) : ('ignored' as const);
    });
  }

  /** Applies held events whose turn has come, following each one's aggregates on. */
  private async releaseHeld(keys: readonly string[] | null): Promise<number> {
    let released = 0;
    let frontier: readonly string[] | null = keys;
    while (frontier === null || frontier.length > 0) {
      const waiting = await HeldEventRepository.waitingOn(this.db, this.consumerKey, frontier);
      const advanced = new Set<string>();
      for (const held of waiting) {
        try {
          const parsed = this.parse(held.rawMessage);
          const outcome = await this.applyInTurn(parsed, held.rawMessage, {
            subject: held.subject,
            streamSeq: held.streamSeq,
          });
          if (outcome === 'held') continue;
          released += 1;
          for (const entry of versionedKeysOf(parsed.envelope)) advanced.add(entry.key);
        } catch (error) {
          // It stays held; the periodic pass tries again and metrics show how long it has waited.
          await HeldEventRepository.recordFailure(
            this.db,
            this.consumerKey,
            held.eventId,
            error instanceof Error ? error.message : String(error),
          );
        }
      }
      frontier = [...advanced];
    }
    return released;
  }

  private async recordInInbox(tx: SqlClient, envelope: EventEnvelope): Promise<boolean> {
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO "inbox" ("consumer", "event_id", "type") VALUES ($1, $2::uuid, $3)
       ON CONFLICT ("consumer", "event_id") DO NOTHING`,
      this.consumerKey,
      envelope.id,
      envelope.type,
    );
    return inserted > 0;
  }

  private parse(raw: string): Parsed {
    const envelope = this.parseEnvelope(raw);
    const handler = this.findHandler(envelope);
    if (!handler) {
      if (this.consumer.handlers.some((known) => known.definition.type === envelope.type)) {
        throw new PoisonMessageError(`No handler for ${envelope.type} version ${envelope.version}`);
      }
      // Another event on the same subject filter that this consumer does not care about.
      return { envelope, handler: undefined, payload: envelope.payload };
    }
    const payload = handler.definition.payload.safeParse(envelope.payload);
    if (!payload.success) {
      throw new PoisonMessageError(
        `Payload of ${envelope.type} v${envelope.version} is invalid`,
        payload.error.issues,
      );
    }
    return { envelope, handler: handler as unknown as EventHandler, payload: payload.data };
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

function describeWait(early: readonly VersionedKey[], positions: ReadonlyMap<string, number>): string {
  return early
    .map((entry) => `${entry.key} version ${(positions.get(entry.key) ?? 0) + 1} (this is ${entry.version})`)
    .join('; ');
}
