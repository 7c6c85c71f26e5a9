import { pickLiaison } from './liaison-pick';

describe('which liaison gets a task', () => {
  const wang = { personId: 'p-wang', bindingId: 'b-2', validFrom: new Date('2023-09-01T00:00:00Z') };
  const li = { personId: 'p-li', bindingId: 'b-1', validFrom: new Date('2024-03-01T00:00:00Z') };
  const zhao = { personId: 'p-zhao', bindingId: 'b-0', validFrom: new Date('2023-09-01T00:00:00Z') };

  it('is the longest-standing binding, then the lower binding id, whatever the order given', () => {
    expect(pickLiaison([li, wang])).toBe('p-wang');
    expect(pickLiaison([li, wang, zhao])).toBe('p-zhao');
    expect(pickLiaison([zhao, wang, li].reverse())).toBe('p-zhao');
  });

  it('skips the person the work leaves, and is nobody when nobody is left', () => {
    expect(pickLiaison([wang, li], ['p-wang'])).toBe('p-li');
    expect(pickLiaison([wang], ['p-wang'])).toBeNull();
    expect(pickLiaison([])).toBeNull();
  });
});
