import { describeDrift } from '../jetstream/stream-provisioner';
import type { MessagingSnapshot } from './messaging-probe';

export interface ReadinessRules {
  /** Not ready when the oldest unsent outbox event has waited longer than this. */
  maxOutboxAgeSeconds: number;
}

/**
 * `ready`: publishes and consumes. `degraded`: still does, but something needs a look (a stream
 * whose configuration drifted, JetStream slow to describe a consumer). `not_ready`: cannot
 * publish or cannot consume, or its database does not answer.
 */
export type ReadinessStatus = 'ready' | 'degraded' | 'not_ready';

export interface ReadinessReport {
  status: ReadinessStatus;
  ready: boolean;
  /** Why it is not ready, one sentence each. */
  reasons: string[];
  /** Why it is degraded (also listed while it is not ready). */
  warnings: string[];
}

/** The readiness rules (docs/operations.md, "Metrics and readiness"), applied to one snapshot. */
export function evaluateReadiness(snapshot: MessagingSnapshot, rules: ReadinessRules): ReadinessReport {
  const reasons: string[] = [];
  const warnings: string[] = [];
  if (!snapshot.database.ok) reasons.push(`database does not answer: ${snapshot.database.error}`);
  if (!snapshot.started) {
    reasons.push('event messaging is not running (starting or stopping)');
    return report(reasons, warnings);
  }
  if (!snapshot.nats.ok) reasons.push(`NATS is not connected: ${snapshot.nats.error}`);

  const { outbox } = snapshot;
  if (outbox) {
    if (!outbox.relayRunning) reasons.push('cannot publish: the outbox relay is not running');
    if (outbox.backlog.ok) {
      const { pending, oldestAgeSeconds } = outbox.backlog.value;
      if (pending > 0 && oldestAgeSeconds > rules.maxOutboxAgeSeconds) {
        reasons.push(
          `cannot publish: the oldest of ${pending} unsent event(s) has waited ${Math.round(oldestAgeSeconds)} s ` +
            `(limit ${rules.maxOutboxAgeSeconds} s)`,
        );
      }
    } else if (snapshot.database.ok) {
      warnings.push(`outbox backlog unknown: ${outbox.backlog.error}`);
    }
  }

  for (const consumer of snapshot.consumers) {
    if (!consumer.consuming)
      reasons.push(`cannot consume: consumer ${consumer.name} is not consuming (its loop ended)`);
    if (!consumer.jetstream.ok && snapshot.nats.ok) {
      if (/consumer not found/i.test(consumer.jetstream.error))
        reasons.push(`cannot consume: consumer ${consumer.name} is missing from stream ${consumer.stream}`);
      else if (/stream not found/i.test(consumer.jetstream.error))
        reasons.push(`cannot consume: stream ${consumer.stream} of consumer ${consumer.name} is missing`);
      else warnings.push(`JetStream did not describe consumer ${consumer.name}: ${consumer.jetstream.error}`);
    }
  }

  const { stream } = snapshot;
  if (stream && snapshot.nats.ok) {
    if (stream.drift.ok) warnings.push(...stream.drift.value.map(describeDrift));
    else if (/stream not found/i.test(stream.drift.error))
      reasons.push(`cannot publish: stream ${stream.stream} is missing`);
    else warnings.push(`JetStream did not describe stream ${stream.stream}: ${stream.drift.error}`);
  }
  return report(reasons, warnings);
}

function report(reasons: string[], warnings: string[]): ReadinessReport {
  const status: ReadinessStatus =
    reasons.length > 0 ? 'not_ready' : warnings.length > 0 ? 'degraded' : 'ready';
  return { status, ready: reasons.length === 0, reasons, warnings };
}
