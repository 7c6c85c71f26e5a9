import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { EventEnvelope } from '@gongkai/contracts';
import { prefixSubject } from '../rpc/prefix';

export interface PublishResult {
  streamSeq: number;
  /** JetStream already had this Nats-Msg-Id within its duplicate window and dropped it. */
  duplicate: boolean;
}

/** Publishes an envelope with `Nats-Msg-Id = event.id`, so a second publish of it is dropped. */
export class EventPublisher {
  constructor(
    private readonly js: JetStreamClient,
    private readonly prefix: string,
  ) {}

  /** `msgId` overrides the de-duplication id; only tests that simulate a duplicate use it. */
  async publish(
    subject: string,
    envelope: EventEnvelope,
    msgId: string = envelope.id,
  ): Promise<PublishResult> {
    const headers = natsHeaders();
    headers.set('X-Correlation-Id', envelope.correlationId);
    headers.set('X-Event-Type', `${envelope.type}.v${envelope.version}`);
    const ack = await this.js.publish(prefixSubject(this.prefix, subject), JSON.stringify(envelope), {
      msgID: msgId,
      headers,
    });
    return { streamSeq: ack.seq, duplicate: ack.duplicate };
  }
}
