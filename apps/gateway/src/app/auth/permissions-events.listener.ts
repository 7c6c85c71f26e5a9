import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { GatewayConfig } from '@gongkai/config';
import { NATS_CONNECTION, ensureEventStream, prefixSubject } from '@gongkai/messaging';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { ApiClientCache } from './api-client.cache';
import { AuthMetrics } from './auth.metrics';
import { DecisionCache } from './decision.cache';
import { invalidationOf, type Invalidation } from './permission-event.invalidation';

/** How long to wait before subscribing again after the feed failed. */
const RESUBSCRIBE_DELAY_MS = 2000;

/**
 * Keeps the gateway's decision and API key caches honest: an ordered, ephemeral JetStream
 * consumer on the PERMISSIONS stream (`evt.permissions.>`, from the stream's end: only events
 * from now on matter) drops what each event makes stale (see invalidationOf).
 *
 * The caches serve only while this feed is live. Whenever it may have missed something (not yet
 * subscribed, NATS disconnected or reconnected, missed heartbeats, the consumer ended), both
 * caches are emptied and kept off until the feed is back, so a stale allow can only outlive its
 * revocation by one event round trip, never by a TTL.
 */
@Injectable()
export class PermissionsEventsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PermissionsEventsListener.name);
  private messages: ConsumerMessages | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly decisionCache: DecisionCache,
    private readonly apiClientCache: ApiClientCache,
    private readonly authMetrics: AuthMetrics,
  ) {}

  /** Subscribed before the gateway listens, so no request is cached ahead of its feed. */
  async onApplicationBootstrap(): Promise<void> {
    void this.watchConnection();
    await this.subscribe();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.setLive(false);
    await this.messages?.close().catch(() => undefined);
  }

  /** Applies one event to the caches (public for the unit spec). */
  apply(invalidation: Invalidation): void {
    if (invalidation.scope === 'none') return;
    if (invalidation.scope === 'all') {
      this.decisionCache.dropAll();
      this.authMetrics.invalidated('decision', 'all');
      this.logger.debug(`Dropped every cached decision after ${invalidation.why}`);
      return;
    }
    for (const subject of invalidation.subjects) {
      this.decisionCache.dropSubject(subject);
      this.authMetrics.invalidated('decision', 'subject');
      if (subject.type === 'client') {
        this.apiClientCache.dropClient(subject.id);
        this.authMetrics.invalidated('api_key', 'client');
      }
    }
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    try {
      const { prefix } = this.config.nats;
      const jsm = await jetstreamManager(this.connection);
      // The gateway may boot before permissions: the stream is created the same way from either side.
      const stream = await ensureEventStream(jsm, { prefix, service: 'permissions' });
      const { state } = await jsm.streams.info(stream);
      // Ordered consumers are ephemeral (no ack, recreated by the client after a gap); starting
      // right after the last stored event rather than "deliver new" keeps a recreation before the
      // first event from replaying the whole stream.
      const consumer = await jetstream(this.connection).consumers.get(stream, {
        filter_subjects: prefixSubject(prefix, 'evt.permissions.>'),
        opt_start_seq: state.last_seq + 1,
      });
      const messages = await consumer.consume({ max_messages: 256 });
      this.messages = messages;
      void this.watchConsumer(messages);
      this.setLive(true);
      void this.drain(messages);
    } catch (error) {
      this.logger.warn(
        `Cannot follow the permissions events (${describe(error)}); permission decisions are not cached until it can`,
      );
      this.scheduleResubscribe();
    }
  }

  private async drain(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const message of messages) this.apply(invalidationOf(message.string()));
    } catch (error) {
      this.logger.warn(`The permissions event feed failed: ${describe(error)}`);
    }
    if (this.messages !== messages || this.stopped) return;
    this.messages = null;
    this.setLive(false);
    this.scheduleResubscribe();
  }

  private async watchConsumer(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (status.type === 'heartbeats_missed') {
        this.setLive(false);
      } else if (
        (status.type === 'heartbeat' || status.type === 'ordered_consumer_recreated') &&
        this.messages === messages
      ) {
        this.setLive(true);
      }
    }
  }

  /** Events published while disconnected arrive late: forget everything across a reconnect. */
  private async watchConnection(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect') this.setLive(false);
      if (status.type === 'reconnect' && this.messages) {
        this.setLive(false);
        this.setLive(true);
      }
    }
  }

  private setLive(live: boolean): void {
    if (!live && (this.decisionCache.isLive || this.decisionCache.entryCount > 0)) {
      this.authMetrics.invalidated('decision', 'feed');
      this.authMetrics.invalidated('api_key', 'feed');
    }
    this.decisionCache.setLive(live);
    this.apiClientCache.setLive(live);
  }

  private scheduleResubscribe(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.subscribe();
    }, RESUBSCRIBE_DELAY_MS);
    this.retryTimer.unref();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
