import { loadRoundsConfig } from './rounds-config';

describe('the rounds service’s own variables', () => {
  it('has defaults for every one', () => {
    expect(loadRoundsConfig({})).toEqual({
      holidaysFile: null,
      notices: { intervalMs: 60_000, batchSize: 100, batchPauseMs: 0 },
    });
  });

  it('reads them, and refuses a bad value naming it', () => {
    expect(
      loadRoundsConfig({
        HOLIDAYS_FILE: '/etc/gongkai/holidays-2027.json',
        ROUNDS_NOTICE_INTERVAL_MS: '500',
        ROUNDS_NOTICE_BATCH_SIZE: '1',
        ROUNDS_NOTICE_BATCH_PAUSE_MS: '200',
      }),
    ).toEqual({
      holidaysFile: '/etc/gongkai/holidays-2027.json',
      notices: { intervalMs: 500, batchSize: 1, batchPauseMs: 200 },
    });
    expect(() => loadRoundsConfig({ ROUNDS_NOTICE_BATCH_SIZE: '0' })).toThrow(/ROUNDS_NOTICE_BATCH_SIZE/);
  });
});
