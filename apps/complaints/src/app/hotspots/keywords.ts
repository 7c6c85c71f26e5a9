import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese keywords of a case's text, by jieba (the maintained Rust segmenter, @node-rs/jieba: a
 * prebuilt binary from npm, no build or download at install). Words are tagged and only nouns,
 * place and organisation names and verbal nouns of two characters or more are kept, minus words
 * every case uses (学校, 问题, 希望 …), so 食堂, 空调, 热水器 surface rather than 的 or 老师.
 */
const KEPT_TAGS = /^(n|nr|ns|nt|nz|nl|ng|vn|an)$/;
const STOP_WORDS = new Set([
  '学校',
  '学生',
  '同学',
  '老师',
  '问题',
  '情况',
  '希望',
  '时间',
  '工作',
  '部门',
  '相关',
  '要求',
  '反映',
  '诉求',
  '学院',
  '大学',
  '校园',
  '我们',
  '现在',
  '已经',
  '目前',
  '今天',
  '事情',
  '人员',
  '方面',
  '地方',
]);

let segmenter: Jieba | null = null;

/** Loaded once, on first use (the dictionary takes about a second). */
function jieba(): Jieba {
  segmenter ??= Jieba.withDict(dict);
  return segmenter;
}

export function keywordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const { word, tag } of jieba().tag(text, true)) {
    const trimmed = word.trim();
    if ([...trimmed].length >= 2 && KEPT_TAGS.test(tag) && !STOP_WORDS.has(trimmed)) words.add(trimmed);
  }
  return words;
}
