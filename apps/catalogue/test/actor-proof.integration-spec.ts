import { generateKeyPairSync } from 'node:crypto';
import {
  CatalogueRpc,
  CommonErrorReasons,
  ErrorCode,
  type Publication,
  type RequestMeta,
} from '@gongkai/contracts';
import { ActorProofSigner, RemoteCallError, ServiceClient } from '@gongkai/messaging';
import {
  TESTER,
  createDepartment,
  draftPublication,
  itemByCode,
  startCatalogue,
  type CatalogueUnderTest,
} from './support/catalogue-fixtures';

/**
 * catalogue.publications.get is one of the two subjects a service may publish too (rounds asks it
 * for the diff of a task). A compromised rounds could name a person there to read another
 * department's unreviewed drafts; the gateway's actor proof (GATEWAY_ACTOR_PUBLIC_KEY, checked by
 * the real startDataService) lets only the gateway name one.
 */
describe('catalogue.publications.get: a person as actor only with the gateway’s proof', () => {
  let sut: CatalogueUnderTest;
  let draft: Publication;
  /** A service's client on the same bus: it has no signing key. */
  let rounds: ServiceClient;
  /** The disclosure office's head, who works on every item (the stand-in allows her everything). */
  const officeHead: RequestMeta = {
    actor: { kind: 'person', id: '0190b3a4-7c1e-7c3a-8f00-0000000000a1' },
    correlationId: 'corr-actor-proof',
  };
  const ask = (client: ServiceClient, meta: RequestMeta) =>
    client.request(CatalogueRpc.getPublication, { itemId: draft.itemId, publicationId: draft.id }, meta);
  const refusalOf = async (call: Promise<unknown>) => {
    const error = await call.then(
      () => {
        throw new Error('expected a refusal');
      },
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RemoteCallError);
    return (error as RemoteCallError).body;
  };

  beforeAll(async () => {
    sut = await startCatalogue();
    await createDepartment(sut, '招生办公室');
    const item = await itemByCode(sut, 'MOE-07');
    draft = await draftPublication(sut, item.id, {
      title: '2025年本科招生章程（未审）',
      summary: '尚未保密审查的草稿',
      body: '第一章 总则',
      publisher: '招生办公室',
    });
    expect(draft.state).toBe('draft');
    rounds = new ServiceClient(sut.nc, { prefix: sut.runId, defaultTimeoutMs: 5000 });
  });

  afterAll(() => sut?.stop());

  it('shows the draft to the person the gateway signed for', async () => {
    await expect(
      ask(sut.client, { ...officeHead, actor: { kind: 'person', id: TESTER } }),
    ).resolves.toMatchObject({
      id: draft.id,
      state: 'draft',
      body: '第一章 总则',
    });
  });

  it('refuses a service that names the office head without a proof, before asking permissions', async () => {
    const checksBefore = sut.permissions.checks.length;
    expect(await refusalOf(ask(rounds, officeHead))).toMatchObject({
      code: ErrorCode.FORBIDDEN,
      reason: CommonErrorReasons.ACTOR_NOT_PROVEN.reason,
      message: expect.stringContaining('Only the gateway may name a person or API client'),
      details: { problem: 'missing' },
    });
    expect(sut.permissions.checks.length).toBe(checksBefore);
  });

  it('refuses a proof forged with another key', async () => {
    const forger = new ServiceClient(sut.nc, {
      prefix: sut.runId,
      defaultTimeoutMs: 5000,
      actorProofSigner: new ActorProofSigner(generateKeyPairSync('ed25519').privateKey),
    });
    expect(await refusalOf(ask(forger, officeHead))).toMatchObject({
      code: ErrorCode.FORBIDDEN,
      reason: 'ACTOR_NOT_PROVEN',
      details: { problem: 'invalid' },
    });
  });

  it('answers a service asking as its own system actor with the system view: no drafts', async () => {
    expect(
      await refusalOf(ask(rounds, { actor: { kind: 'system', id: 'rounds' }, correlationId: 'corr-system' })),
    ).toMatchObject({ code: ErrorCode.NOT_FOUND });
  });
});
