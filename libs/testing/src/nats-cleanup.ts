import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { TEST_NATS_URL } from './test-run';

/** Deletes every stream (and so its consumers) whose name starts with the run's prefix. */
export async function deleteStreamsOfRun(prefix: string, natsUrl = TEST_NATS_URL): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const upper = `${prefix.toUpperCase()}_`;
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(upper)) await jsm.streams.delete(name);
    }
  } finally {
    await nc.close();
  }
}
