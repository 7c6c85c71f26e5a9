import { countRevisions } from './count-revisions.use-case';

describe('countRevisions', () => {
  it('counts first assignments apart from revisions, and revisions by trigger and by item', () => {
    expect(
      countRevisions([
        { itemId: 'a', revisionNo: 1, trigger: 'item_created' },
        { itemId: 'b', revisionNo: 1, trigger: 'manual' },
        { itemId: 'a', revisionNo: 2, trigger: 'manual' },
        { itemId: 'a', revisionNo: 3, trigger: 'reorganisation' },
        { itemId: 'c', revisionNo: 4, trigger: 'reorganisation' },
      ]),
    ).toEqual({
      revisions: 3,
      itemsRevised: 2,
      initialAssignments: 2,
      byTrigger: { manual: 1, reorganisation: 2 },
    });
  });

  it('is all zeros for a period without revisions', () => {
    expect(countRevisions([])).toEqual({
      revisions: 0,
      itemsRevised: 0,
      initialAssignments: 0,
      byTrigger: { manual: 0, reorganisation: 0 },
    });
  });
});
