import {
  canonicalJson,
  checkChain,
  hashVersion,
  type HashedVersion,
  type StoredVersion,
} from './publication-hash';

function version(no: number, previousHash: string | null, title = `第${no}版`): HashedVersion {
  return {
    itemId: '0190b3a4-7c1e-7c3a-8f00-000000000001',
    version: no,
    title,
    summary: '',
    body: '正文',
    documents: [{ url: 'https://xxgk.example.edu.cn/a.pdf', title: '附件' }],
    attachments: [],
    channels: ['disclosure_site'],
    publisher: '招生办公室',
    source: 'ad_hoc',
    taskId: null,
    roundId: null,
    informationChangedAt: null,
    secrecyReviewer: '张三',
    publishedAt: `2024-0${no}-01T00:00:00.000Z`,
    previousHash,
  };
}

function chain(length: number): StoredVersion[] {
  const stored: StoredVersion[] = [];
  let previous: string | null = null;
  for (let no = 1; no <= length; no += 1) {
    const hashed = version(no, previous);
    const contentHash = hashVersion(hashed);
    stored.push({ publicationId: `p${no}`, hashed, contentHash });
    previous = contentHash;
  }
  return stored;
}

describe('publication hash chain', () => {
  it('hashes a canonical JSON: key order does not matter, array order does', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    const hashed = version(1, null);
    const reordered = JSON.parse(
      JSON.stringify({ ...hashed, documents: [{ title: '附件', url: 'https://xxgk.example.edu.cn/a.pdf' }] }),
    );
    expect(hashVersion(reordered)).toBe(hashVersion(hashed));
    expect(hashVersion({ ...hashed, channels: ['wechat', 'disclosure_site'] })).not.toBe(
      hashVersion({ ...hashed, channels: ['disclosure_site', 'wechat'] }),
    );
    expect(hashVersion(hashed)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an intact chain', () => {
    expect(checkChain(chain(3)).every((check) => check.ok)).toBe(true);
  });

  it('finds the version whose content was edited', () => {
    const stored = chain(3);
    const second = stored[1] as StoredVersion;
    stored[1] = { ...second, hashed: { ...second.hashed, body: '篡改后的正文' } };
    expect(checkChain(stored).map((check) => check.failure)).toEqual([null, 'content_hash_mismatch', null]);
  });

  it('finds a re-hashed edit by the broken link to the next version', () => {
    const stored = chain(3);
    const second = stored[1] as StoredVersion;
    const forged = { ...second.hashed, body: '篡改' };
    stored[1] = { ...second, hashed: forged, contentHash: hashVersion(forged) };
    expect(checkChain(stored).map((check) => check.failure)).toEqual([null, null, 'previous_hash_mismatch']);
  });

  it('finds a removed version', () => {
    const stored = chain(3);
    stored.splice(1, 1);
    expect(checkChain(stored)[1]).toMatchObject({ version: 3, failure: 'previous_hash_mismatch' });
  });
});
