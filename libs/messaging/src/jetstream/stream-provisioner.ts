import { Logger } from '@nestjs/common';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import type { ProducingServiceName } from '@gongkai/contracts';
import { streamName, streamSubjects } from '../naming';
import {
  DEFAULT_EVENT_STREAM_SETTINGS,
  FIXED_STREAM_FIELDS,
  differingStreamFields,
  wantedStreamConfig,
  type EventStreamSettings,
  type ManagedStreamConfig,
  type StreamDrift,
} from './stream-settings';

/** How long JetStream remembers a Nats-Msg-Id to drop a re-published event (the default). */
export const DUPLICATE_WINDOW_MS = DEFAULT_EVENT_STREAM_SETTINGS.duplicateWindowMs;

export interface EnsureEventStreamOptions {
  prefix: string;
  service: ProducingServiceName;
  /** Used to create the stream when it is missing (and, with `manage`, wanted for an existing one). */
  settings?: EventStreamSettings;
  /**
   * The producer manages its own stream: fields JetStream can change in place are brought to
   * `settings`; fields it cannot change (storage, retention) are reported as drift. Followers
   * (consumers, the gateway) only create a missing stream and leave an existing one alone.
   */
  manage?: boolean;
}

export interface EventStreamProvision {
  name: string;
  created: boolean;
  /** Fields that were brought up to date. */
  updated: string[];
  /** Fields that differ and were left as they are. Empty for followers. */
  drift: StreamDrift[];
}

const logger = new Logger('EventStream');

/** Creates (or, for its producer, brings up to date) the stream a service publishes its events into. */
export async function ensureEventStream(
  jsm: JetStreamManager,
  options: EnsureEventStreamOptions,
): Promise<string> {
  return (await provisionEventStream(jsm, options)).name;
}

export async function provisionEventStream(
  jsm: JetStreamManager,
  options: EnsureEventStreamOptions,
): Promise<EventStreamProvision> {
  const name = streamName(options.prefix, options.service);
  const wanted = wantedStreamConfig(
    name,
    streamSubjects(options.prefix, options.service),
    options.settings ?? DEFAULT_EVENT_STREAM_SETTINGS,
  );
  let live: StreamConfig;
  try {
    live = (await jsm.streams.info(name)).config;
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    try {
      await jsm.streams.add(wanted);
      return { name, created: true, updated: [], drift: [] };
    } catch (addError) {
      // Another replica created it between our info and add.
      if (!/already in use|stream name already/i.test(String(addError))) throw addError;
      live = (await jsm.streams.info(name)).config;
    }
  }
  if (!options.manage) return { name, created: false, updated: [], drift: [] };
  const result = await bringUpToDate(jsm, live, wanted);
  if (result.updated.length > 0) logger.log(`Stream ${name}: updated ${result.updated.join(', ')}`);
  for (const drift of result.drift) logger.warn(describeDrift(drift));
  return { name, created: false, ...result };
}

/** The managed fields of the live stream that differ from what `settings` asks for, as drift. */
export async function inspectStreamDrift(
  jsm: JetStreamManager,
  options: { prefix: string; service: ProducingServiceName; settings: EventStreamSettings },
): Promise<StreamDrift[]> {
  const name = streamName(options.prefix, options.service);
  const wanted = wantedStreamConfig(name, streamSubjects(options.prefix, options.service), options.settings);
  const live = (await jsm.streams.info(name)).config;
  return differingStreamFields(live, wanted).map((difference) => ({
    stream: name,
    ...difference,
    reason: FIXED_STREAM_FIELDS.includes(difference.field)
      ? 'JetStream cannot change it in place'
      : 'changed after the service started',
  }));
}

export function describeDrift(drift: StreamDrift): string {
  return `Stream ${drift.stream} drifted: ${drift.field} is ${drift.actual}, configured ${drift.wanted} (${drift.reason})`;
}

async function bringUpToDate(
  jsm: JetStreamManager,
  live: StreamConfig,
  wanted: ManagedStreamConfig,
): Promise<{ updated: string[]; drift: StreamDrift[] }> {
  const differences = differingStreamFields(live, wanted);
  const drift: StreamDrift[] = differences
    .filter((difference) => FIXED_STREAM_FIELDS.includes(difference.field))
    .map((difference) => ({
      stream: wanted.name,
      ...difference,
      reason: 'JetStream cannot change it in place',
    }));
  const changeable = differences.filter((difference) => !FIXED_STREAM_FIELDS.includes(difference.field));
  if (changeable.length === 0) return { updated: [], drift };
  const changeOf = (field: (typeof changeable)[number]['field']) =>
    field === 'subjects'
      ? { subjects: [...new Set([...(live.subjects ?? []), ...wanted.subjects])] }
      : { [field]: wanted[field] };
  try {
    await jsm.streams.update(wanted.name, Object.assign({}, ...changeable.map((c) => changeOf(c.field))));
    return { updated: changeable.map((difference) => difference.field), drift };
  } catch {
    // One field JetStream refuses (e.g. 3 replicas on a single server) must not keep the others back.
    const updated: string[] = [];
    for (const difference of changeable) {
      try {
        await jsm.streams.update(wanted.name, changeOf(difference.field));
        updated.push(difference.field);
      } catch (error) {
        drift.push({
          stream: wanted.name,
          ...difference,
          reason: `JetStream refused the update: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    return { updated, drift };
  }
}

function isStreamNotFound(error: unknown): boolean {
  return /stream not found/i.test(String((error as Error)?.message ?? error));
}
