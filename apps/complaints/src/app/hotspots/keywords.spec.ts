import { keywordsOf } from './keywords';

describe('Chinese keywords of case text (jieba)', () => {
  it('keeps the topics of a complaint and drops words every case uses', () => {
    const words = keywordsOf('宿舍空调不制冷，希望学校尽快维修；食堂饭菜价格上涨。');
    expect(words).toEqual(expect.any(Set));
    for (const topic of ['宿舍', '空调', '食堂', '饭菜']) expect(words.has(topic)).toBe(true);
    for (const common of ['希望', '学校', '，']) expect(words.has(common)).toBe(false);
  });
});
