import { StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { ProducingServiceName } from '@gongkai/contracts';
import { streamName, streamSubjects } from '../naming';

/** How long JetStream remembers a Nats-Msg-Id to drop a re-published event. */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

/** Creates (or brings up to date) the file-backed stream a service publishes its events into. */
export async function ensureEventStream(
  jsm: JetStreamManager,
  options: { prefix: string; service: ProducingServiceName },
): Promise<string> {
  const name = streamName(options.prefix, options.service);
  const config = {
    name,
    subjects: streamSubjects(options.prefix, options.service),
    storage: StorageType.File,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  };
  try {
    const existing = await jsm.streams.info(name);
    if (existing.config.duplicate_window !== config.duplicate_window) {
      await jsm.streams.update(name, { ...existing.config, duplicate_window: config.duplicate_window });
    }
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    try {
      await jsm.streams.add(config);
    } catch (addError) {
      // Another replica created it between our info and add.
      if (!/already in use|stream name already/i.test(String(addError))) throw addError;
    }
  }
  return name;
}

function isStreamNotFound(error: unknown): boolean {
  return /stream not found/i.test(String((error as Error)?.message ?? error));
}
