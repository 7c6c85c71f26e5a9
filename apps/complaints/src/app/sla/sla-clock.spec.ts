import { DEFAULT_POLICIES, type ClockPolicy } from './sla-policy';
import { readClock, type ClockInput } from './sla-clock';
import { addWorkingHours, limitEnd, workingDaysBefore } from './working-time';

const application = DEFAULT_POLICIES['application'] as ClockPolicy;
const complaint = DEFAULT_POLICIES['complaint'] as ClockPolicy;
const beijing = (local: string) => new Date(`${local}+08:00`);

function clock(overrides: Partial<ClockInput>): ClockInput {
  return {
    policy: application,
    receivedAt: beijing('2024-09-02T10:00:00'),
    clockStartAt: beijing('2024-09-02T10:00:00'),
    cityDueAt: null,
    pauses: [],
    extendedWorkingDays: 0,
    waitingForRequester: false,
    stoppedAt: null,
    firstContactAt: null,
    ...overrides,
  };
}

describe('SLA clocks on the Chinese calendar (Asia/Shanghai)', () => {
  describe('an application corrected on 10 September 2024 and extended once by 15 working days', () => {
    // Received Mon 2 Sep, correction asked, corrected Tue 10 Sep: the 15 + 15 working days count from
    // the corrected request, across 中秋 (15–17 Sep off, Sat 14 Sep worked) and 国庆 (1–7 Oct off,
    // Sun 29 Sep and Sat 12 Oct worked). Monday to Friday counting would say 22 October.
    const corrected = clock({ clockStartAt: beijing('2024-09-10T09:00:00'), extendedWorkingDays: 15 });

    it('is due at the end of Monday 28 October, Beijing time', () => {
      const reading = readClock(corrected, beijing('2024-10-20T12:00:00'));
      expect(reading.dueAt?.toISOString()).toBe('2024-10-28T15:59:59.999Z');
      expect(reading.state).toBe('extended');
      expect(reading.overdue).toBe(false);
    });

    it('is on time when decided late on the last working day, and overdue the next morning', () => {
      expect(readClock({ ...corrected, stoppedAt: beijing('2024-10-28T23:30:00') }, new Date()).onTime).toBe(
        true,
      );
      expect(readClock({ ...corrected, stoppedAt: beijing('2024-10-29T00:10:00') }, new Date()).onTime).toBe(
        false,
      );
      expect(readClock(corrected, beijing('2024-10-28T23:59:00')).overdue).toBe(false);
      expect(readClock(corrected, beijing('2024-10-29T00:00:01')).state).toBe('overdue');
    });

    it('warns from the start of the third-last working day', () => {
      expect(readClock(corrected, beijing('2024-10-20T12:00:00')).warningAt?.toISOString()).toBe(
        beijing('2024-10-24T00:00:00').toISOString(),
      );
    });
  });

  it('shows a clock waiting for the requester or paused for a third party as such, never overdue', () => {
    const late = beijing('2025-03-01T10:00:00');
    expect(readClock(clock({ waitingForRequester: true }), late)).toMatchObject({
      state: 'waiting_requester',
      overdue: false,
      dueAt: null,
    });
    const paused = clock({ pauses: [{ from: '2024-09-05T02:00:00Z', to: null }] });
    expect(readClock(paused, late)).toMatchObject({ state: 'paused', overdue: false, dueAt: null });
  });

  it('adds the working days a third-party opinion took to the due date', () => {
    const plain = readClock(clock({}), beijing('2024-09-03T10:00:00')).dueAt;
    // Sought Wed 4 Sep, received Wed 11 Sep: 5 working days (5, 6, 9, 10, 11 Sep) do not count.
    const withOpinion = readClock(
      clock({
        pauses: [
          {
            from: beijing('2024-09-04T10:00:00').toISOString(),
            to: beijing('2024-09-11T16:00:00').toISOString(),
          },
        ],
      }),
      beijing('2024-09-12T10:00:00'),
    ).dueAt;
    expect(plain?.toISOString()).toBe(
      limitEnd(beijing('2024-09-02T10:00:00'), { unit: 'working_days', amount: 15 }).toISOString(),
    );
    expect(withOpinion?.toISOString()).toBe(
      limitEnd(beijing('2024-09-02T10:00:00'), { unit: 'working_days', amount: 20 }).toISOString(),
    );
  });

  it('counts working hours only on working days (a make-up Sunday counts, the holiday week does not)', () => {
    // Sun 29 Sep 2024 is a working day; 1–7 Oct are not.
    expect(addWorkingHours(beijing('2024-09-28T20:00:00'), 24).toISOString()).toBe(
      beijing('2024-09-30T00:00:00').toISOString(),
    );
    expect(addWorkingHours(beijing('2024-09-30T12:00:00'), 24).toISOString()).toBe(
      beijing('2024-10-08T12:00:00').toISOString(),
    );
    expect(workingDaysBefore('2024-10-08', 1)).toBe('2024-09-30');
  });

  it("holds a city transfer to the city's own deadline, and a complaint's first contact to its response limit", () => {
    const cityDueAt = beijing('2024-09-06T18:00:00');
    const reading = readClock(
      clock({ policy: complaint, cityDueAt, firstContactAt: beijing('2024-09-03T09:00:00') }),
      beijing('2024-09-06T19:00:00'),
    );
    expect(reading.dueAt?.toISOString()).toBe(cityDueAt.toISOString());
    expect(reading.state).toBe('overdue');
    expect(reading.responseDueAt?.toISOString()).toBe('2024-09-03T15:59:59.999Z');
    expect(reading.respondedOnTime).toBe(true);
  });
});
