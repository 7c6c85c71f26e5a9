import { RelayBackoff } from './relay-backoff';

function logger() {
  return { warn: jest.fn(), log: jest.fn() };
}

const refused = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: 'P1001' });

describe('outbox relay back-off', () => {
  it('doubles the pause from the poll interval up to the cap, and logs once per state change', () => {
    const log = logger();
    let now = 0;
    const backoff = new RelayBackoff(log, { initialMs: 200, maxMs: 5000 }, () => now);
    const pauses: (number | null)[] = [];
    for (let pass = 0; pass < 10; pass += 1) {
      backoff.passFailed(refused);
      pauses.push(backoff.endPass());
      now += 1000;
    }
    expect(pauses).toEqual([200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000, 5000]);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0][0]).toMatch(/cannot reach PostgreSQL/);
    expect(backoff.failing).toBe(true);

    expect(backoff.endPass()).toBeNull();
    expect(log.log).toHaveBeenCalledTimes(1);
    expect(log.log.mock.calls[0][0]).toMatch(/recovered after 10 failed pass\(es\) over 10\.0 s/);
    expect(backoff.failing).toBe(false);

    backoff.passFailed(refused);
    expect(backoff.endPass()).toBe(200);
  });

  it('logs again when the cause changes, from PostgreSQL to publishing', () => {
    const log = logger();
    const backoff = new RelayBackoff(log, { initialMs: 100, maxMs: 1000 });
    backoff.passFailed(refused);
    backoff.endPass();
    backoff.publishFailed('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', new Error('TIMEOUT'));
    expect(backoff.endPass()).toBe(200);
    backoff.publishFailed('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', new Error('TIMEOUT'));
    backoff.endPass();
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn.mock.calls[1][0]).toMatch(/cannot publish to JetStream \(TIMEOUT\); event 0190a1b2/);
  });

  it('passes that go through never log', () => {
    const log = logger();
    const backoff = new RelayBackoff(log, { initialMs: 100, maxMs: 1000 });
    for (let pass = 0; pass < 5; pass += 1) expect(backoff.endPass()).toBeNull();
    expect(log.warn).not.toHaveBeenCalled();
    expect(log.log).not.toHaveBeenCalled();
  });
});
