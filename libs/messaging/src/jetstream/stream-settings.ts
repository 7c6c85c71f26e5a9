import { DiscardPolicy, RetentionPolicy, StorageType, type StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/** How an event stream is kept (config.jetstream: JETSTREAM_* variables). */
export interface EventStreamSettings {
  storage: 'file' | 'memory';
  replicas: number;
  /** 0 = keep events for ever. */
  maxAgeMs: number;
  /** -1 = no limit. */
  maxBytes: number;
  /** -1 = no limit. */
  maxMsgs: number;
  /** A full stream refuses new events (`new`: they wait in the outbox) or drops the oldest (`old`). */
  discard: 'new' | 'old';
  /** How long JetStream remembers a Nats-Msg-Id to drop a re-published event. */
  duplicateWindowMs: number;
}

/** Reports rebuild from the streams, so by default nothing is ever removed from them. */
export const DEFAULT_EVENT_STREAM_SETTINGS: EventStreamSettings = {
  storage: 'file',
  replicas: 1,
  maxAgeMs: 0,
  maxBytes: -1,
  maxMsgs: -1,
  discard: 'new',
  duplicateWindowMs: 10 * 60 * 1000,
};

/** The stream fields this code manages; every other field is left as JetStream has it. */
export type ManagedStreamConfig = Pick<
  StreamConfig,
  | 'name'
  | 'subjects'
  | 'storage'
  | 'retention'
  | 'num_replicas'
  | 'max_age'
  | 'max_bytes'
  | 'max_msgs'
  | 'discard'
  | 'duplicate_window'
>;

export type ManagedStreamField = Exclude<keyof ManagedStreamConfig, 'name'>;

/** Fields JetStream cannot change on an existing stream: a difference is reported, never "fixed". */
export const FIXED_STREAM_FIELDS: readonly ManagedStreamField[] = ['storage', 'retention'];

export interface StreamDrift {
  stream: string;
  field: ManagedStreamField;
  wanted: string;
  actual: string;
  /** Why it was not brought up to date: the field cannot change in place, or JetStream refused the update. */
  reason: string;
}

export function wantedStreamConfig(
  name: string,
  subjects: string[],
  settings: EventStreamSettings,
): ManagedStreamConfig {
  return {
    name,
    subjects,
    storage: settings.storage === 'memory' ? StorageType.Memory : StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: settings.replicas,
    max_age: nanos(settings.maxAgeMs),
    max_bytes: settings.maxBytes,
    max_msgs: settings.maxMsgs,
    discard: settings.discard === 'old' ? DiscardPolicy.Old : DiscardPolicy.New,
    duplicate_window: nanos(settings.duplicateWindowMs),
  };
}

const COMPARED_FIELDS: readonly ManagedStreamField[] = [
  'subjects',
  'storage',
  'retention',
  'num_replicas',
  'max_age',
  'max_bytes',
  'max_msgs',
  'discard',
  'duplicate_window',
];

/** JetStream reports "no limit" as -1 or 0 depending on the field and server version. */
function normalise(field: ManagedStreamField, value: unknown): string {
  if (field === 'subjects') return [...((value as string[] | undefined) ?? [])].sort().join(',');
  if (field === 'max_bytes' || field === 'max_msgs') {
    const limit = Number(value ?? -1);
    return String(limit <= 0 ? -1 : limit);
  }
  if (field === 'max_age' || field === 'duplicate_window' || field === 'num_replicas')
    return String(Number(value ?? 0));
  return String(value);
}

/** The managed fields whose live value differs from the wanted one. Extra subjects on the live stream are fine. */
export function differingStreamFields(
  live: Partial<StreamConfig>,
  wanted: ManagedStreamConfig,
): { field: ManagedStreamField; wanted: string; actual: string }[] {
  const differences: { field: ManagedStreamField; wanted: string; actual: string }[] = [];
  for (const field of COMPARED_FIELDS) {
    if (field === 'subjects') {
      const missing = wanted.subjects.filter((subject) => !(live.subjects ?? []).includes(subject));
      if (missing.length > 0)
        differences.push({
          field,
          wanted: normalise(field, wanted.subjects),
          actual: normalise(field, live.subjects),
        });
      continue;
    }
    const [wantedValue, actualValue] = [normalise(field, wanted[field]), normalise(field, live[field])];
    if (wantedValue !== actualValue) differences.push({ field, wanted: wantedValue, actual: actualValue });
  }
  return differences;
}
