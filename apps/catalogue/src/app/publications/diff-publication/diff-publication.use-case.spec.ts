import { diffOf, type DiffedVersion } from './diff-publication.use-case';

const v1: DiffedVersion = {
  id: 'p1',
  version: 1,
  title: '2024年招生章程',
  summary: '本科招生章程',
  body: '第一条\n第二条',
  documents: [],
  attachments: [],
  channels: ['disclosure_site'],
  publisher: null,
};

describe('diffOf', () => {
  it('compares a version with the one before it, field by field and the body line by line', () => {
    const v2: DiffedVersion = {
      ...v1,
      id: 'p2',
      version: 2,
      title: '2025年招生章程',
      body: '第一条\n第二条（修订）',
    };
    const diff = diffOf(v2, v1);
    expect(diff).toMatchObject({
      publicationId: 'p2',
      version: 2,
      against: { publicationId: 'p1', version: 1 },
      changes: [{ field: 'title', before: '2024年招生章程', after: '2025年招生章程' }],
    });
    expect(diff.bodyDiff).toEqual(
      expect.arrayContaining([expect.objectContaining({ op: 'add', text: '第二条（修订）' })]),
    );
  });

  it('shows a first version as every field set, against nothing', () => {
    const diff = diffOf(v1, null);
    expect(diff.against).toBeNull();
    expect(diff.changes.map((change) => change.field)).toEqual([
      'title',
      'summary',
      'documents',
      'attachments',
      'channels',
    ]);
  });

  it('names no version to compare with when the other one was never published', () => {
    expect(diffOf({ ...v1, id: 'p3', version: null }, { ...v1, version: null }).against).toBeNull();
  });
});
