import { ConfigError, loadDataServiceConfig } from './service-config';

describe('stream and observability configuration', () => {
  it('defaults to a file stream on one replica that keeps every event, and no metrics listener', () => {
    const config = loadDataServiceConfig('catalogue', {});
    expect(config.jetstream).toEqual({
      storage: 'file',
      replicas: 1,
      maxAgeMs: 0,
      maxBytes: -1,
      maxMsgs: -1,
      discard: 'new',
      duplicateWindowMs: 600_000,
    });
    expect(config.observability).toEqual({
      metricsPort: null,
      metricsHost: '0.0.0.0',
      readinessMaxOutboxAgeMs: 60_000,
    });
  });

  it('reads a 3-node cluster setup and the metrics port', () => {
    const config = loadDataServiceConfig('rounds', {
      JETSTREAM_REPLICAS: '3',
      JETSTREAM_MAX_BYTES: '1073741824',
      JETSTREAM_DISCARD: 'old',
      METRICS_PORT: '9464',
      READINESS_MAX_OUTBOX_AGE_MS: '30000',
    });
    expect(config.jetstream).toMatchObject({ replicas: 3, maxBytes: 1073741824, discard: 'old' });
    expect(config.observability).toMatchObject({ metricsPort: 9464, readinessMaxOutboxAgeMs: 30000 });
  });

  it('names every bad stream or metrics variable', () => {
    let message = '';
    try {
      loadDataServiceConfig('rounds', {
        JETSTREAM_REPLICAS: '7',
        JETSTREAM_STORAGE: 'disk',
        JETSTREAM_MAX_MSGS: '0',
        METRICS_PORT: '70000',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const variable of ['JETSTREAM_REPLICAS', 'JETSTREAM_STORAGE', 'JETSTREAM_MAX_MSGS', 'METRICS_PORT'])
      expect(message).toContain(variable);
  });

  it('refuses a duplicate window longer than the events are kept', () => {
    expect(() =>
      loadDataServiceConfig('rounds', {
        JETSTREAM_MAX_AGE_MS: '60000',
        JETSTREAM_DUPLICATE_WINDOW_MS: '120000',
      }),
    ).toThrow(ConfigError);
  });
});
