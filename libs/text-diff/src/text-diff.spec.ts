import { diffLines } from './text-diff';

describe('diffLines', () => {
  it('shows kept, removed and added lines in order', () => {
    expect(diffLines('招生章程\n计划 100 人\n咨询电话', '招生章程\n计划 120 人\n咨询电话\n申诉渠道')).toEqual(
      [
        { op: 'equal', text: '招生章程' },
        { op: 'remove', text: '计划 100 人' },
        { op: 'add', text: '计划 120 人' },
        { op: 'equal', text: '咨询电话' },
        { op: 'add', text: '申诉渠道' },
      ],
    );
  });

  it('handles empty texts', () => {
    expect(diffLines('', 'a')).toEqual([{ op: 'add', text: 'a' }]);
    expect(diffLines('a', '')).toEqual([{ op: 'remove', text: 'a' }]);
    expect(diffLines('', '')).toEqual([]);
  });
});
