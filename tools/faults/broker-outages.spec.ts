import { BrokerOutages } from './broker-outages';

const cannotConnect = 'Error: Cannot connect to NATS at nats://127.0.0.1:4333: ECONNRESET';

describe('BrokerOutages (which exits the broker kill caused)', () => {
  it('counts an exit at boot while the broker was down', () => {
    const outages = new BrokerOutages(10_000);
    outages.down(1_000);
    outages.up(3_000);
    expect(outages.causedExit(2_000, 2_500, cannotConnect)).toBe(true);
  });

  it("counts nats.js's own words at boot, the only line a service prints at LOG_LEVEL=warn", () => {
    const outages = new BrokerOutages(10_000);
    outages.down(1_000);
    outages.up(3_000);
    expect(outages.causedExit(2_000, 2_500, 'connection refused')).toBe(true);
  });

  it('counts a process started within the grace after the broker came back', () => {
    const outages = new BrokerOutages(10_000);
    outages.down(1_000);
    outages.up(3_000);
    expect(outages.causedExit(12_000, 14_000, cannotConnect)).toBe(true);
    expect(outages.causedExit(13_001, 14_000, cannotConnect)).toBe(false);
  });

  it('counts a process that lived through an outage that has not ended', () => {
    const outages = new BrokerOutages(10_000);
    outages.down(5_000);
    expect(outages.causedExit(1_000, 6_000, cannotConnect)).toBe(true);
  });

  it('leaves a crash that does not name NATS to the suite', () => {
    const outages = new BrokerOutages(10_000);
    outages.down(1_000);
    outages.up(3_000);
    expect(outages.causedExit(2_000, 2_500, 'TypeError: x is undefined')).toBe(false);
  });

  it('leaves an exit that ended before any outage to the suite', () => {
    const outages = new BrokerOutages(10_000);
    outages.down(5_000);
    outages.up(6_000);
    expect(outages.causedExit(1_000, 4_000, cannotConnect)).toBe(false);
  });
});
