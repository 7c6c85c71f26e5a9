import { maskName, requesterView } from './masking';

describe('personal data shown without the right to read it', () => {
  it('keeps the first character of a name and stars the rest', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('王')).toBe('王*');
    expect(maskName('Alice Smith')).toBe(`A${'*'.repeat(10)}`);
  });

  it('never gives the contact to a reader without the right, and gives both to one with it', () => {
    const requester = { name: '张三', contact: '13800138000' };
    expect(requesterView(requester, null, false)).toEqual({
      name: '张*',
      contact: null,
      type: null,
      masked: true,
    });
    expect(requesterView(requester, 'natural_person', true)).toEqual({
      name: '张三',
      contact: '13800138000',
      type: 'natural_person',
      masked: false,
    });
    expect(JSON.stringify(requesterView(requester, null, false))).not.toContain('13800138000');
  });
});
