import { DiscardPolicy, RetentionPolicy, StorageType, type StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { DEFAULT_EVENT_STREAM_SETTINGS, differingStreamFields, wantedStreamConfig } from './stream-settings';

describe('event stream settings', () => {
  const wanted = wantedStreamConfig('CATALOGUE', ['evt.catalogue.>'], DEFAULT_EVENT_STREAM_SETTINGS);

  it('asks by default for a file stream on one replica that keeps every event and refuses when full', () => {
    expect(wanted).toEqual({
      name: 'CATALOGUE',
      subjects: ['evt.catalogue.>'],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      num_replicas: 1,
      max_age: 0,
      max_bytes: -1,
      max_msgs: -1,
      discard: DiscardPolicy.New,
      duplicate_window: nanos(600_000),
    });
  });

  it('finds no difference with the stream it would create', () => {
    expect(differingStreamFields({ ...wanted } as Partial<StreamConfig>, wanted)).toEqual([]);
  });

  it('reads 0 and -1 alike as "no limit", and tolerates extra subjects', () => {
    const live = { ...wanted, max_bytes: 0, max_msgs: 0, subjects: ['evt.catalogue.>', 'other.>'] };
    expect(differingStreamFields(live as Partial<StreamConfig>, wanted)).toEqual([]);
  });

  it('names each differing field with both values', () => {
    const live = {
      ...wanted,
      storage: StorageType.Memory,
      num_replicas: 3,
      max_msgs: 1000,
      discard: DiscardPolicy.Old,
      subjects: ['evt.other.>'],
    };
    expect(differingStreamFields(live as Partial<StreamConfig>, wanted)).toEqual([
      { field: 'subjects', wanted: 'evt.catalogue.>', actual: 'evt.other.>' },
      { field: 'storage', wanted: 'file', actual: 'memory' },
      { field: 'num_replicas', wanted: '1', actual: '3' },
      { field: 'max_msgs', wanted: '-1', actual: '1000' },
      { field: 'discard', wanted: 'new', actual: 'old' },
    ]);
  });
});
