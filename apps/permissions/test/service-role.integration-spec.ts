import { join } from 'node:path';
import { Client } from 'pg';
import { serviceRoleOf, serviceRoleUrl } from '@gongkai/config';
import {
  applyMigrations,
  dropDatabase,
  dropServiceRole,
  ensureDatabase,
  ensureServiceRole,
} from '@gongkai/persistence';
import { newRunId, testDatabaseUrl } from '@gongkai/testing';

/**
 * The permissions database as the service sees it when DATABASE_SERVICE_PASSWORD is set: migrated
 * by the owner (DATABASE_URL), used through a role that owns nothing and only appends to the
 * audit log. What startDataService does at boot, done here step by step.
 */
describe('permissions service: the run-time database role', () => {
  const ownerUrl = testDatabaseUrl(newRunId(), 'permissions');
  const role = serviceRoleOf(ownerUrl);
  const password = 'service-role-test-password';
  let asService: Client;
  let asOwner: Client;

  const refusal = (sql: string) =>
    asService.query(sql).then(
      () => 'allowed',
      (error: { message: string }) => error.message,
    );

  beforeAll(async () => {
    await ensureDatabase(ownerUrl);
    const prismaDir = join(__dirname, '..', 'prisma');
    await applyMigrations({
      databaseUrl: ownerUrl,
      schemaDir: join(prismaDir, 'schema'),
      migrationsDir: join(prismaDir, 'migrations'),
    });
    const options = { ownerUrl, role, password, appendOnlyTables: ['audit_entry'] };
    await ensureServiceRole(options);
    // Every boot does it again: it must not fail on a role that is already there.
    await ensureServiceRole(options);
    asOwner = new Client({ connectionString: ownerUrl });
    await asOwner.connect();
    await asOwner.query(
      `INSERT INTO "audit_entry" ("seq", "id", "occurred_at", "recorded_at", "actor", "action", "prev_hash", "hash", "hash_version")
       VALUES (1, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', now(), now(), '{"kind":"system","id":"test"}', 'department.created', $1, $2, 2)`,
      ['0'.repeat(64), 'a'.repeat(64)],
    );
    asService = new Client({ connectionString: serviceRoleUrl(ownerUrl, password) });
    await asService.connect();
  });

  afterAll(async () => {
    await asService?.end();
    await asOwner?.end();
    await dropDatabase(ownerUrl);
    await dropServiceRole(ownerUrl, role);
  });

  it('connects as its own role, not the owner', async () => {
    expect((await asService.query('SELECT current_user AS name')).rows[0].name).toBe(role);
    expect(role).toMatch(/^gongkai_t\w+_permissions_app$/);
  });

  it('cannot disable, drop or replace the audit log’s triggers, nor alter any table', async () => {
    expect(
      await refusal('ALTER TABLE "audit_entry" DISABLE TRIGGER "audit_entry_no_update_or_delete"'),
    ).toMatch(/must be owner/);
    expect(await refusal('ALTER TABLE "audit_entry" DISABLE TRIGGER ALL')).toMatch(/must be owner/);
    expect(await refusal('DROP TRIGGER "audit_entry_no_update_or_delete" ON "audit_entry"')).toMatch(
      /must be owner/,
    );
    expect(await refusal('ALTER TABLE "department" ADD COLUMN "x" TEXT')).toMatch(/must be owner/);
    expect(await refusal('CREATE TABLE "shadow" ("id" INT)')).toMatch(/permission denied for schema public/);
    expect(await refusal("SET session_replication_role = 'replica'")).toMatch(/permission denied/);
  });

  it('cannot update, delete or truncate audit rows, but reads and appends them', async () => {
    expect(await refusal(`UPDATE "audit_entry" SET "reason" = '改写'`)).toMatch(
      /permission denied for table audit_entry/,
    );
    expect(await refusal('DELETE FROM "audit_entry"')).toMatch(/permission denied for table audit_entry/);
    expect(await refusal('TRUNCATE "audit_entry"')).toMatch(/permission denied for table audit_entry/);
    expect((await asService.query('SELECT count(*)::int AS n FROM "audit_entry"')).rows[0].n).toBe(1);
    await asService.query(
      `INSERT INTO "audit_entry" ("seq", "id", "occurred_at", "recorded_at", "actor", "action", "prev_hash", "hash", "hash_version")
       VALUES (2, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c', now(), now(), '{"kind":"system","id":"test"}', 'person.created', $1, $2, 2)`,
      ['a'.repeat(64), 'b'.repeat(64)],
    );
    expect((await asOwner.query('SELECT "reason" FROM "audit_entry" ORDER BY "seq"')).rows).toHaveLength(2);
  });

  it('reads and writes the ordinary tables, and cannot touch the migrations’ bookkeeping', async () => {
    expect(await refusal(`UPDATE "department" SET "name" = "name" WHERE false`)).toBe('allowed');
    expect(await refusal('SELECT count(*) FROM "_prisma_migrations"')).toBe('allowed');
    expect(await refusal('DELETE FROM "_prisma_migrations"')).toMatch(/permission denied/);
  });
});
