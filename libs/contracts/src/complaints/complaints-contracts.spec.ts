import { findEventDefinition } from '../common/event-registry';
import { CreateCaseSchema } from './cases';
import { ComplaintsEvents, CaseStateSchema } from './events';
import { PublicSubmissionSchema } from './public';
import { DecideBodySchema } from './workflow';

const requester = { name: '张三', contact: '13800138000' };
const complaint = {
  kind: 'complaint',
  source: 'web',
  category: 'canteen',
  title: '标题',
  content: '内容',
  requester,
};
const { source: _source, ...fromTheWeb } = complaint;
const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('complaints contracts', () => {
  it("wants the city's ticket number from 12345 and the applicant's type on an application", () => {
    expect(CreateCaseSchema.safeParse(complaint).success).toBe(true);
    expect(paths(CreateCaseSchema.safeParse({ ...complaint, source: 'city_12345' }))).toEqual(['externalNo']);
    expect(paths(CreateCaseSchema.safeParse({ ...complaint, kind: 'application' }))).toEqual([
      'requester.type',
    ]);
    expect(paths(PublicSubmissionSchema.safeParse({ ...fromTheWeb, kind: 'application' }))).toEqual([
      'requester.type',
    ]);
  });

  it('refuses unknown kinds and sources, control characters and oversized text', () => {
    expect(CreateCaseSchema.safeParse({ ...complaint, kind: 'petition' }).success).toBe(false);
    expect(CreateCaseSchema.safeParse({ ...complaint, source: 'fax' }).success).toBe(false);
    expect(paths(CreateCaseSchema.safeParse({ ...complaint, title: 'a\u0000b' }))).toEqual(['title']);
    expect(paths(CreateCaseSchema.safeParse({ ...complaint, content: '字'.repeat(20_001) }))).toEqual([
      'content',
    ]);
    expect(CreateCaseSchema.safeParse({ ...complaint, content: '第一行\n\t第二行' }).success).toBe(true);
  });

  it('takes a decision only as a row of the standard table', () => {
    const decision = { replyText: '答复', deliveredVia: 'email' };
    expect(DecideBodySchema.safeParse({ ...decision, result: 'disclosed' }).success).toBe(true);
    expect(paths(DecideBodySchema.safeParse({ ...decision, result: 'not_disclosed' }))).toEqual(['reason']);
    expect(
      paths(DecideBodySchema.safeParse({ ...decision, result: 'not_disclosed', reason: 'duplicate' })),
    ).toEqual(['reason']);
    expect(
      DecideBodySchema.safeParse({ ...decision, result: 'not_disclosed', reason: 'state_secret' }).success,
    ).toBe(true);
    expect(
      paths(DecideBodySchema.safeParse({ ...decision, result: 'disclosed', reason: 'state_secret' })),
    ).toEqual(['reason']);
    expect(
      DecideBodySchema.safeParse({
        ...decision,
        result: 'cannot_provide',
        reason: 'not_held',
        responsibleBody: '市教委',
      }).success,
    ).toBe(true);
  });

  it('registers every case event, none of which can carry the requester', () => {
    for (const definition of Object.values(ComplaintsEvents)) {
      expect(findEventDefinition(definition.type, definition.version)).toBe(definition);
    }
    const fields = Object.keys(CaseStateSchema.shape);
    expect(fields).not.toContain('requester');
    expect(fields.filter((field) => /name|contact/i.test(field))).toEqual([]);
  });
});
