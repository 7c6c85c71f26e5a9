import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { provisionEventStream } from './stream-provisioner';
import { DEFAULT_EVENT_STREAM_SETTINGS, wantedStreamConfig } from './stream-settings';

/** A JetStream manager holding one stream, refusing updates that touch `refuse`. */
function fakeJsm(live: Partial<StreamConfig> | null, refuse: string[] = []) {
  const updates: Partial<StreamConfig>[] = [];
  const added: Partial<StreamConfig>[] = [];
  const jsm = {
    streams: {
      info: async () => {
        if (!live) throw new Error('stream not found');
        return { config: live };
      },
      add: async (config: Partial<StreamConfig>) => {
        added.push(config);
        return { config };
      },
      update: async (_name: string, change: Partial<StreamConfig>) => {
        const refused = Object.keys(change).find((field) => refuse.includes(field));
        if (refused) throw new Error(`${refused} cannot be set here`);
        updates.push(change);
        Object.assign(live ?? {}, change);
        return { config: live };
      },
    },
  } as unknown as JetStreamManager;
  return { jsm, updates, added };
}

const settings = { ...DEFAULT_EVENT_STREAM_SETTINGS, replicas: 3 };
const wanted = wantedStreamConfig('CATALOGUE', ['evt.catalogue.>'], DEFAULT_EVENT_STREAM_SETTINGS);

describe('provisionEventStream', () => {
  it('creates a missing stream with the configured settings', async () => {
    const { jsm, added } = fakeJsm(null);
    const result = await provisionEventStream(jsm, {
      prefix: '',
      service: 'catalogue',
      settings,
      manage: true,
    });
    expect(result).toEqual({ name: 'CATALOGUE', created: true, updated: [], drift: [] });
    expect(added[0]).toMatchObject({ num_replicas: 3, storage: 'file', discard: 'new' });
  });

  it('leaves an existing stream alone for a follower', async () => {
    const { jsm, updates } = fakeJsm({ ...wanted, max_msgs: 10 });
    const result = await provisionEventStream(jsm, { prefix: '', service: 'catalogue', settings });
    expect(result.drift).toEqual([]);
    expect(updates).toEqual([]);
  });

  it('updates what JetStream accepts, field by field when it refuses one, and reports the rest', async () => {
    const { jsm, updates } = fakeJsm({ ...wanted, max_msgs: 10, storage: 'memory' as never }, [
      'num_replicas',
    ]);
    const result = await provisionEventStream(jsm, {
      prefix: '',
      service: 'catalogue',
      settings,
      manage: true,
    });
    expect(result.updated).toEqual(['max_msgs']);
    expect(updates).toEqual([{ max_msgs: -1 }]);
    expect(result.drift).toEqual([
      {
        stream: 'CATALOGUE',
        field: 'storage',
        wanted: 'file',
        actual: 'memory',
        reason: 'JetStream cannot change it in place',
      },
      {
        stream: 'CATALOGUE',
        field: 'num_replicas',
        wanted: '3',
        actual: '1',
        reason: 'JetStream refused the update: num_replicas cannot be set here',
      },
    ]);
  });
});
