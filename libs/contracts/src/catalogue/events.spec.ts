import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueEvents,
  ItemChangeRecordedV1,
  PublicationPublishedV1,
  PublicationSecrecyReviewedV1,
} from './events';

describe('catalogue events', () => {
  it('keys each aggregate kind by one id, so its events count one sequence of versions', () => {
    const keys = new Map<string, Set<string>>();
    for (const definition of Object.values(CatalogueEvents)) {
      expect(definition.subject).toBe(
        `evt.catalogue.${definition.aggregate}.${definition.type.split('.')[2]}.v1`,
      );
      const types = keys.get(definition.aggregate) ?? new Set<string>();
      types.add(definition.type);
      keys.set(definition.aggregate, types);
    }
    expect([...(keys.get('publication') ?? [])].sort()).toEqual([
      'catalogue.publication.drafted',
      'catalogue.publication.edited',
      'catalogue.publication.published',
      'catalogue.publication.secrecy-reviewed',
      'catalogue.publication.submitted',
      'catalogue.publication.withdrawn',
    ]);
    expect([...keys.keys()].sort()).toEqual([
      'category',
      'item',
      'publication',
      'publication-chain',
      'responsibility',
      'settings',
    ]);
  });

  it('bumps the superseded publication with the one that replaces it', () => {
    const [published, superseded] = [uuidv7(), uuidv7()];
    const payload = PublicationPublishedV1.payload.parse({
      itemId: uuidv7(),
      itemCode: 'MOE-07',
      publicationId: published,
      version: 2,
      title: '招生章程',
      source: 'ad_hoc',
      taskId: null,
      roundId: null,
      scope: 'public',
      channels: ['disclosure_site'],
      publishedAt: '2024-06-01T08:00:00+08:00',
      informationChangedAt: null,
      dueAt: null,
      publishedOnTime: null,
      contentHash: 'b'.repeat(64),
      previousHash: 'a'.repeat(64),
      supersededPublicationId: superseded,
    });
    expect(PublicationPublishedV1.aggregateIdOf(payload)).toBe(published);
    expect(PublicationPublishedV1.otherAggregateIdsOf(payload)).toEqual([superseded]);
    expect(PublicationPublishedV1.otherAggregateIdsOf({ ...payload, supersededPublicationId: null })).toEqual(
      [],
    );
  });

  it('refuses a secrecy review without its decision, and a recorded change without its clock', () => {
    const publication = {
      publicationId: uuidv7(),
      itemId: uuidv7(),
      itemCode: 'MOE-07',
      source: 'ad_hoc',
      leadDepartmentId: null,
      state: 'draft',
      reviewedAt: '2024-06-01T08:00:00+08:00',
    };
    expect(
      PublicationSecrecyReviewedV1.payload.safeParse({ ...publication, decision: 'returned' }).success,
    ).toBe(true);
    expect(PublicationSecrecyReviewedV1.payload.safeParse(publication).success).toBe(false);
    expect(
      ItemChangeRecordedV1.payload.safeParse({
        itemId: uuidv7(),
        itemCode: 'MOE-21',
        leadDepartmentId: null,
        changedAt: '2024-09-20T10:00:00+08:00',
        note: null,
      }).success,
    ).toBe(false);
  });
});
