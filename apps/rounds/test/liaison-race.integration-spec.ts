import { RoundsRpc, type Task } from '@gongkai/contracts';
import { waitFor } from '@gongkai/testing';
import { RoundsWorld } from './support/rounds-fixtures';

/**
 * Found by the fault suite (tools/faults): a round opened while the department's liaison was
 * being appointed. Opening read no liaison and flagged the task; the appointment, applied in
 * another transaction at the same moment, found no flagged task to pick up; both committed and the
 * task stayed flagged for good. Here a trigger holds the opening transaction between its reading
 * the liaisons and its commit until the appointment is visible (or 3 s have passed).
 */
describe('rounds service: a round opened while its liaison is appointed', () => {
  let world: RoundsWorld;

  beforeAll(async () => {
    world = await RoundsWorld.start();
  });

  afterAll(() => world?.stop());

  it('gives the task to the liaison whichever commits first', async () => {
    const office = await world.appoint('张主任', 'disclosure_admin', null);
    const departmentId = await world.department('宿舍管理中心');
    const itemId = await world.item('R-1', '宿舍维修情况', departmentId);
    const liaison = await world.person('赵老师', departmentId);
    await world.sql(`
      CREATE FUNCTION hold_task_insert() RETURNS trigger AS $$
      DECLARE waited int := 0;
      BEGIN
        WHILE waited < 60 AND NOT EXISTS (
          SELECT 1 FROM role_holder WHERE department_id = NEW.department_id AND role = 'dept_liaison'
        ) LOOP
          PERFORM pg_sleep(0.05);
          waited := waited + 1;
        END LOOP;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await world.sql(
      'CREATE TRIGGER hold_task_insert BEFORE INSERT ON task FOR EACH ROW EXECUTE FUNCTION hold_task_insert()',
    );
    try {
      const round = await world.draftRound(office.personId, { scope: { itemIds: [itemId] } });
      const opening = world.request(RoundsRpc.openRound, { roundId: round.id }, office.personId);
      // The opening transaction has read the liaisons and waits in the trigger: appoint one now.
      await waitFor(
        async () =>
          (await world.count(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()",
          )) > 0,
        { what: 'the opening transaction to wait in the trigger' },
      );
      await world.grant(liaison, 'dept_liaison', departmentId);
      await opening;
      const task = await waitFor(
        async () => {
          const page = await world.request(
            RoundsRpc.listTasks,
            { roundId: round.id, limit: 10 },
            office.personId,
          );
          const [only] = page.items as Task[];
          return only?.assigneeId ? only : null;
        },
        { what: 'the task to have its liaison', timeoutMs: 20_000 },
      );
      expect(task).toMatchObject({ assigneeId: liaison, flagged: false });
    } finally {
      await world.sql('DROP TRIGGER IF EXISTS hold_task_insert ON task');
    }
  });
});
