import { randomBytes, scryptSync } from 'node:crypto';
import { ErrorCode, PermissionsRpc, type Action, type RpcBody } from '@gongkai/contracts';
import { startPermissions, unique, type PermissionsHarness } from './support/permissions-harness';

describe('permissions service: API clients', () => {
  let harness: PermissionsHarness;

  beforeAll(async () => {
    harness = await startPermissions();
  });
  afterAll(() => harness?.stop());

  const authenticate = (apiKey: string) => harness.call(PermissionsRpc.authenticateApiKey, { apiKey });
  const create = (body: RpcBody<typeof PermissionsRpc.createApiClient>) =>
    harness.call(PermissionsRpc.createApiClient, body);
  const checkClient = (clientId: string, action: Action) =>
    harness.call(PermissionsRpc.checkPermission, {
      subject: { type: 'client', id: clientId },
      action,
      departmentId: null,
    });

  it('returns the key once, keeps only an HMAC-SHA-256 of it, and authenticates it', async () => {
    const issued = await create({
      name: '信息公开网',
      mayActForPersons: true,
      roles: [{ role: 'campus_client' }],
      reason: '门户接入',
    });
    expect(issued.apiKey).toMatch(new RegExp(`^gk_${issued.client.id.replace(/-/g, '')}_[A-Za-z0-9_-]{43}$`));
    expect(issued.client).toMatchObject({
      name: '信息公开网',
      status: 'active',
      mayActForPersons: true,
      mayBackdate: false,
    });
    expect(issued.bindings).toMatchObject([
      { subjectType: 'client', subjectId: issued.client.id, role: 'campus_client' },
    ]);
    // gk_<client id>_<secret>: the secret is base64url and may itself hold '_'.
    const secret = issued.apiKey.split('_').slice(2).join('_');

    // Never again: not in the client, the list, the stored row, the events or the audit log.
    const fetched = await harness.call(PermissionsRpc.getApiClient, { id: issued.client.id });
    expect(JSON.stringify(fetched)).not.toContain(secret);
    expect(fetched).not.toHaveProperty('secretHash');
    const listed = await harness.call(PermissionsRpc.listApiClients, {});
    expect(JSON.stringify(listed)).not.toContain(secret);
    const stored = await harness.db.query<{ secret_hash: string }>(
      `SELECT "secret_hash" FROM "api_client" WHERE "id" = $1`,
      [issued.client.id],
    );
    expect(stored.rows[0]?.secret_hash).toMatch(/^hmac-sha256\$/);
    expect(stored.rows[0]?.secret_hash).not.toContain(secret);
    const everything =
      JSON.stringify(await harness.settledEvents()) +
      JSON.stringify((await harness.db.query('SELECT * FROM "audit_entry"')).rows);
    expect(everything).not.toContain(secret);

    await expect(authenticate(issued.apiKey)).resolves.toEqual({
      clientId: issued.client.id,
      name: '信息公开网',
      mayActForPersons: true,
      mayBackdate: false,
    });
    expect((await checkClient(issued.client.id, 'complaints.case.register')).allow).toBe(true);
    expect((await checkClient(issued.client.id, 'permissions.admin')).allow).toBe(false);
  });

  it('still accepts a key stored as scrypt before HMAC, and rewrites it as HMAC on its first use', async () => {
    const issued = await create({ name: unique('legacy') });
    // gk_<client id>_<secret>: the secret is base64url and may itself hold '_'.
    const secret = issued.apiKey.split('_').slice(2).join('_');
    const salt = randomBytes(16);
    const legacy = [
      'scrypt',
      16384,
      8,
      1,
      salt.toString('base64url'),
      scryptSync(secret, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64url'),
    ].join('$');
    await harness.db.query(`UPDATE "api_client" SET "secret_hash" = $2 WHERE "id" = $1`, [
      issued.client.id,
      legacy,
    ]);

    await expect(authenticate(`${issued.apiKey.slice(0, -4)}AAAA`)).rejects.toMatchObject({
      body: { code: ErrorCode.UNAUTHENTICATED },
    });
    await expect(authenticate(issued.apiKey)).resolves.toMatchObject({ clientId: issued.client.id });
    const stored = await harness.db.query<{ secret_hash: string }>(
      `SELECT "secret_hash" FROM "api_client" WHERE "id" = $1`,
      [issued.client.id],
    );
    expect(stored.rows[0]?.secret_hash).toMatch(/^hmac-sha256\$/);
    await expect(authenticate(issued.apiKey)).resolves.toMatchObject({ clientId: issued.client.id });
  });

  it('answers UNAUTHENTICATED alike for a wrong secret, an unknown client and a malformed key', async () => {
    const issued = await create({ name: unique('oa') });
    const wrongSecret = `${issued.apiKey.slice(0, -4)}AAAA`;
    const unknownClient = issued.apiKey.replace(/^gk_[0-9a-f]{4}/, 'gk_ffff');
    for (const apiKey of [wrongSecret, unknownClient, 'not-a-key']) {
      await expect(authenticate(apiKey)).rejects.toMatchObject({
        body: {
          code: ErrorCode.UNAUTHENTICATED,
          message: 'The API key is not valid; check it or ask for a new one',
        },
      });
    }
  });

  it('rotates: the new key works, the old one stops at once, and the rotation is announced', async () => {
    const issued = await create({ name: unique('hotline') });
    const rotated = await harness.call(PermissionsRpc.rotateApiClientKey, {
      id: issued.client.id,
      reason: '定期轮换',
    });
    expect(rotated.apiKey).not.toBe(issued.apiKey);
    expect(rotated.client.rotatedAt).not.toBeNull();
    await expect(authenticate(rotated.apiKey)).resolves.toMatchObject({ clientId: issued.client.id });
    await expect(authenticate(issued.apiKey)).rejects.toMatchObject({
      body: { code: ErrorCode.UNAUTHENTICATED },
    });
    const events = await harness.settledEvents();
    expect(
      events.filter((event) => event.type === 'permissions.client.rotated').map((event) => event.payload),
    ).toContainEqual(expect.objectContaining({ subjectType: 'client', subjectId: issued.client.id }));
  });

  it('revokes: the key, the bindings and every decision end at once', async () => {
    const issued = await create({ name: unique('city12345'), roles: [{ role: 'campus_client' }] });
    const revoked = await harness.call(PermissionsRpc.revokeApiClient, {
      id: issued.client.id,
      reason: '停止对接',
    });
    expect(revoked).toMatchObject({ status: 'revoked' });
    await expect(authenticate(issued.apiKey)).rejects.toMatchObject({
      body: { code: ErrorCode.UNAUTHENTICATED },
    });
    expect(await checkClient(issued.client.id, 'complaints.case.register')).toMatchObject({
      allow: false,
      reason: expect.stringMatching(/revoked/),
    });
    const bindings = await harness.call(PermissionsRpc.listRoleBindings, {
      subjectId: issued.client.id,
    });
    expect(bindings.items).toMatchObject([{ status: 'ended', endReason: 'revoked' }]);
    const events = await harness.settledEvents();
    expect(events.find((event) => event.type === 'permissions.client.revoked')?.payload).toMatchObject({
      subjectType: 'client',
      subjectId: issued.client.id,
      endedBindingIds: [issued.bindings[0]?.id],
    });
    await expect(
      harness.call(PermissionsRpc.rotateApiClientKey, { id: issued.client.id }),
    ).rejects.toMatchObject({ body: { code: ErrorCode.CONFLICT } });
  });

  it('refuses a role a client cannot hold and creates nothing', async () => {
    const before = await harness.count('api_client');
    await expect(create({ name: unique('bad'), roles: [{ role: 'dept_liaison' }] })).rejects.toMatchObject({
      body: { code: ErrorCode.VALIDATION_FAILED },
    });
    expect(await harness.count('api_client')).toBe(before);
  });
});
