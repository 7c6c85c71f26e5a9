import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION, ensureEventStream, prefixSubject } from '@gongkai/messaging';
import { DecisionCache } from './decision.cache';
import {
  DECISIONS_OPTIONS,
  DECISION_OBSERVER,
  PERMISSIONS_FEED_FOLLOWERS,
  type DecisionObserver,
  type DecisionsOptions,
  type PermissionsFeedFollower,
} from './decisions.options';
import { invalidationOf, type Invalidation } from './permission-event.invalidation';

/** How long to wait before subscribing again after the feed failed. */
const RESUBSCRIBE_DELAY_MS = 2000;

/**
 * Keeps the decision cache (and its followers: the gateway's API key cache) honest: an ordered,
 * ephemeral JetStream consumer on the PERMISSIONS stream (`evt.permissions.>`, from the stream's
 * end: only events from now on matter) drops what each event makes stale (see invalidationOf).
 * Ephemeral on purpose: every replica of every app must see every event, and a cache needs no
 * history, so neither a durable consumer nor an inbox.
 *
 * The caches serve only while this feed is live. Whenever it may have missed something (not yet
 * subscribed, NATS disconnected or reconnected, missed heartbeats, the consumer ended), they are
 * emptied and kept off until the feed is back, so a stale allow can only outlive its revocation
 * by one event round trip, never by a TTL.
 */
@Injectable()
export class PermissionsEventFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PermissionsEventFeed.name);
  private messages: ConsumerMessages | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly followers: readonly PermissionsFeedFollower[];

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(DECISIONS_OPTIONS) private readonly options: DecisionsOptions,
    private readonly decisionCache: DecisionCache,
    @Optional() @Inject(DECISION_OBSERVER) private readonly observer?: DecisionObserver,
    @Optional() @Inject(PERMISSIONS_FEED_FOLLOWERS) followers?: PermissionsFeedFollower[],
  ) {
    this.followers = followers ?? [];
  }

  /** Subscribed before the app takes requests, so no decision is cached ahead of its feed. */
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
      this.observer?.invalidated('all');
      this.logger.debug(`Dropped every cached decision after ${invalidation.why}`);
    } else {
      for (const subject of invalidation.subjects) {
        this.decisionCache.dropSubject(subject);
        this.observer?.invalidated('subject');
      }
    }
    for (const follower of this.followers) follower.apply(invalidation);
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    try {
      const { prefix } = this.options;
      const jsm = await jetstreamManager(this.connection);
      // This app may boot before permissions: the stream is created the same way from either side.
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
      this.observer?.invalidated('feed');
    }
    this.decisionCache.setLive(live);
    for (const follower of this.followers) follower.setLive(live);
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
