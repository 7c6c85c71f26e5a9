import { Counter, Gauge, type Registry } from 'prom-client';
import type { ConsumerSnapshot, MessagingSnapshot } from './messaging-probe';

/** One scrape asks for every metric at once: they share one snapshot younger than this. */
const SNAPSHOT_REUSE_MS = 1000;

export type SnapshotSource = (maxAgeMs: number) => Promise<MessagingSnapshot>;

const CONSUMER_LABELS = ['consumer', 'stream'] as const;

/**
 * Registers the event-plumbing metrics (docs/operations.md, "Metrics and readiness") on `registry`. Values are
 * read at scrape time from one MessagingProbe snapshot; a value that could not be read (database
 * or NATS down) is left out of the scrape rather than reported as 0.
 */
export function registerMessagingMetrics(registry: Registry, source: SnapshotSource): void {
  const snapshot = () => source(SNAPSHOT_REUSE_MS);
  const registers = [registry];

  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (metric: Gauge<L>, snapshot: MessagingSnapshot) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const taken = await snapshot();
        this.reset();
        fill(this, taken);
      },
    });

  const counter = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (metric: Counter<L>, snapshot: MessagingSnapshot) => void,
  ) =>
    new Counter<L>({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const taken = await snapshot();
        this.reset();
        fill(this, taken);
      },
    });

  const perConsumer = (
    metric: Gauge<(typeof CONSUMER_LABELS)[number]> | Counter<(typeof CONSUMER_LABELS)[number]>,
    taken: MessagingSnapshot,
    value: (consumer: ConsumerSnapshot) => number | null,
  ) => {
    for (const consumer of taken.consumers) {
      const found = value(consumer);
      if (found === null) continue;
      const labels = { consumer: consumer.name, stream: consumer.stream };
      if (metric instanceof Gauge) metric.set(labels, found);
      else metric.inc(labels, found);
    }
  };

  gauge(
    'gongkai_database_up',
    '1 when the service database answered SELECT 1 within the probe timeout',
    [],
    (m, s) => m.set(s.database.ok ? 1 : 0),
  );
  gauge('gongkai_nats_connected', '1 when the events connection to NATS answered a round trip', [], (m, s) =>
    m.set(s.nats.ok ? 1 : 0),
  );

  // Outbox and relay (producing services only).
  gauge(
    'gongkai_outbox_pending_events',
    'Outbox events not yet published to the stream',
    ['stream'],
    (m, s) => {
      if (s.outbox?.backlog.ok) m.set({ stream: s.outbox.stream }, s.outbox.backlog.value.pending);
    },
  );
  gauge(
    'gongkai_outbox_oldest_pending_age_seconds',
    'Age of the oldest unpublished outbox event (0 when none waits)',
    ['stream'],
    (m, s) => {
      if (s.outbox?.backlog.ok) m.set({ stream: s.outbox.stream }, s.outbox.backlog.value.oldestAgeSeconds);
    },
  );
  gauge('gongkai_outbox_relay_running', '1 while the outbox relay runs', ['stream'], (m, s) => {
    if (s.outbox) m.set({ stream: s.outbox.stream }, s.outbox.relayRunning ? 1 : 0);
  });
  counter(
    'gongkai_events_published_total',
    'Events this process published and JetStream acknowledged',
    ['stream'],
    (m, s) => {
      if (s.outbox) m.inc({ stream: s.outbox.stream }, s.outbox.stats.published);
    },
  );
  counter(
    'gongkai_events_publish_duplicates_total',
    'Publishes JetStream acknowledged as duplicates (re-published after a crash; dropped by Nats-Msg-Id)',
    ['stream'],
    (m, s) => {
      if (s.outbox) m.inc({ stream: s.outbox.stream }, s.outbox.stats.duplicates);
    },
  );
  counter(
    'gongkai_events_publish_failures_total',
    'Publishes that failed; the event stays in the outbox and is sent on a later pass',
    ['stream'],
    (m, s) => {
      if (s.outbox) m.inc({ stream: s.outbox.stream }, s.outbox.stats.failures);
    },
  );

  // Consumers.
  counter('gongkai_consumer_events_applied_total', 'Events applied', CONSUMER_LABELS, (m, s) =>
    perConsumer(m, s, (c) => c.stats.applied),
  );
  counter(
    'gongkai_consumer_events_duplicate_total',
    'Deliveries found in the inbox (already applied) and acknowledged without effect',
    CONSUMER_LABELS,
    (m, s) => perConsumer(m, s, (c) => c.stats.duplicates),
  );
  counter(
    'gongkai_consumer_retries_total',
    'Failed deliveries handed back for another try',
    CONSUMER_LABELS,
    (m, s) => perConsumer(m, s, (c) => c.stats.retried),
  );
  counter(
    'gongkai_consumer_dead_lettered_total',
    'Events this process parked as dead letters',
    CONSUMER_LABELS,
    (m, s) => perConsumer(m, s, (c) => c.stats.deadLettered),
  );
  counter(
    'gongkai_consumer_events_held_total',
    'Events an ordered consumer put aside to wait for an earlier version of their aggregate',
    CONSUMER_LABELS,
    (m, s) => perConsumer(m, s, (c) => c.stats.held),
  );
  gauge(
    'gongkai_consumer_held_events',
    'Events waiting now for an earlier version of their aggregate',
    CONSUMER_LABELS,
    (m, s) => perConsumer(m, s, (c) => (c.held.ok ? c.held.value.held : null)),
  );
  gauge(
    'gongkai_consumer_oldest_held_age_seconds',
    'How long the oldest held event has waited (0 when none)',
    CONSUMER_LABELS,
    (m, s) => perConsumer(m, s, (c) => (c.held.ok ? c.held.value.oldestAgeSeconds : null)),
  );
  gauge(
    'gongkai_dead_letters_parked',
    'Dead letters parked and not replayed (GET /api/v1/ops/dead-letters)',
    CONSUMER_LABELS,
    (m, s) => perConsumer(m, s, (c) => (c.parkedDeadLetters.ok ? c.parkedDeadLetters.value : null)),
  );
  gauge(
    'gongkai_consumer_pending_messages',
    'Messages in the stream not yet delivered to the consumer (JetStream num_pending)',
    CONSUMER_LABELS,
    (m, s) => perConsumer(m, s, (c) => (c.jetstream.ok ? c.jetstream.value.pending : null)),
  );
  gauge(
    'gongkai_consumer_ack_pending_messages',
    'Messages delivered but not yet acknowledged (JetStream num_ack_pending)',
    CONSUMER_LABELS,
    (m, s) => perConsumer(m, s, (c) => (c.jetstream.ok ? c.jetstream.value.ackPending : null)),
  );
  gauge(
    'gongkai_consumer_lag_messages',
    'Consumer lag: num_pending + num_ack_pending',
    CONSUMER_LABELS,
    (m, s) =>
      perConsumer(m, s, (c) =>
        c.jetstream.ok ? c.jetstream.value.pending + c.jetstream.value.ackPending : null,
      ),
  );
  gauge(
    'gongkai_consumer_last_applied_timestamp_seconds',
    'When this process last applied an event (Unix time); absent until it has',
    CONSUMER_LABELS,
    (m, s) =>
      perConsumer(m, s, (c) => (c.stats.lastAppliedAt === null ? null : c.stats.lastAppliedAt / 1000)),
  );
  gauge('gongkai_consumer_consuming', '1 while the consume loop runs', CONSUMER_LABELS, (m, s) =>
    perConsumer(m, s, (c) => (c.consuming ? 1 : 0)),
  );

  // The service's own stream.
  gauge(
    'gongkai_stream_config_drift',
    '1 per stream field whose live value differs from the configured one (see the log line or /readyz)',
    ['stream', 'field'],
    (m, s) => {
      if (!s.stream?.drift.ok) return;
      for (const drift of s.stream.drift.value) m.set({ stream: drift.stream, field: drift.field }, 1);
    },
  );
}
