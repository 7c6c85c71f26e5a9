import { changedFields } from './changed-fields';

describe('changedFields', () => {
  const current = {
    title: '招生章程',
    channels: ['disclosure_site'],
    timeLimitDays: null,
    cycle: { kind: 'on_change' },
  };

  it('names only the fields given with a different value', () => {
    expect(changedFields({ title: '招生章程（修订）', timeLimitDays: null }, current)).toEqual(['title']);
  });

  it('compares arrays and objects by content, not by identity', () => {
    expect(changedFields({ channels: ['disclosure_site'], cycle: { kind: 'on_change' } }, current)).toEqual(
      [],
    );
    expect(changedFields({ channels: ['disclosure_site', 'wechat'] }, current)).toEqual(['channels']);
  });

  it('treats setting a value to null as a change, and a field the record lacks as one too', () => {
    expect(changedFields({ title: null }, current)).toEqual(['title']);
    expect(changedFields({ publisher: '招生办公室' }, current)).toEqual(['publisher']);
  });

  it('finds nothing in an empty change', () => {
    expect(changedFields({}, current)).toEqual([]);
  });
});
