import type { CatalogueItem, Department, Page, Person, ReorganisationResult, Role } from '@gongkai/contracts';
import type { GatewayClient } from './gateway-client';
import { Progress } from './progress';
import { DEPARTMENTS, FIRST_ASSIGNMENT_DATE, MERGE, OFFICE, SERVICE_CENTRE } from './seed-year';

export interface Unit {
  id: string;
  code: string;
  name: string;
  liaisons: string[];
  reviewers: string[];
}

export interface Campus {
  /** The head of the disclosure office (disclosure_admin), who opens, approves and closes rounds. */
  officeHead: string;
  serviceCentreId: string;
  /** Every unit by department id (the merged department is added by `merge`). */
  units: Map<string, Unit>;
  /** The catalogue's items, by code. */
  items: CatalogueItem[];
}

/**
 * The university as the demo needs it, through the gateway only: the disclosure office, the
 * student service centre, ten units each with a liaison (信息员) and a reviewer (审核人), and each
 * catalogue item's lead unit from before the year began.
 */
export async function setUpCampus(gateway: GatewayClient): Promise<Campus> {
  const progress = new Progress('departments, people and roles', DEPARTMENTS.length + 2);
  const office = await createDepartment(gateway, OFFICE.code, OFFICE.name);
  const officeHead = await appoint(gateway, 'GK0001', '王主任', office, 'disclosure_admin', null);
  progress.tick();
  const serviceCentreId = await createDepartment(gateway, SERVICE_CENTRE.code, SERVICE_CENTRE.name, 'centre');
  progress.tick();
  const units = new Map<string, Unit>();
  for (const [index, plan] of DEPARTMENTS.entries()) {
    const id = await createDepartment(gateway, plan.code, plan.name);
    const number = String(index + 1).padStart(2, '0');
    units.set(id, {
      id,
      code: plan.code,
      name: plan.name,
      liaisons: [await appoint(gateway, `LL${number}`, `${plan.name}信息员`, id, 'dept_liaison', id)],
      reviewers: [await appoint(gateway, `SH${number}`, `${plan.name}审核人`, id, 'dept_reviewer', id)],
    });
    progress.tick();
  }
  progress.finish(`${units.size + 2} departments, ${2 * units.size + 1} people`);

  const items = (
    await gateway.expect<Page<CatalogueItem>>(200, 'GET', '/catalogue/items?limit=500')
  ).items.sort((a, b) => a.code.localeCompare(b.code));
  const planned = DEPARTMENTS.reduce((sum, plan) => sum + plan.items, 0);
  if (items.length !== planned)
    throw new Error(
      `The demo expects the ${planned} seeded Ministry items; the catalogue holds ${items.length}.`,
    );
  const assigning = new Progress('each item’s lead unit (责任分工)', items.length);
  const leads = [...units.values()].flatMap((unit) => {
    const plan = DEPARTMENTS.find((entry) => entry.code === unit.code);
    return Array.from({ length: plan?.items ?? 0 }, () => unit.id);
  });
  for (const [index, item] of items.entries()) {
    // The catalogue hears of a new department from permissions' events: retried until it has.
    await gateway.until(`the catalogue to know the lead of ${item.code}`, async () => {
      const answer = await gateway.send('PUT', `/catalogue/items/${item.id}/responsibility`, {
        body: {
          leadDepartmentId: leads[index],
          reason: '学年初责任分工',
          effectiveDate: FIRST_ASSIGNMENT_DATE,
        },
      });
      return answer.status === 200 ? true : null;
    });
    assigning.tick();
  }
  assigning.finish();
  return { officeHead, serviceCentreId, units, items };
}

/**
 * 机构改革: the two logistics units merge into a new one on the plan's date. Their people and roles
 * move with them, and the catalogue revises their items' responsibility (the seed's 6 entries).
 */
export async function mergeLogistics(gateway: GatewayClient, campus: Campus): Promise<Unit> {
  const sources = [...campus.units.values()].filter(
    (unit) => DEPARTMENTS.find((plan) => plan.code === unit.code)?.merged,
  );
  const result = await gateway.expect<ReorganisationResult>(201, 'POST', '/reorganisations/merge', {
    body: {
      sourceIds: sources.map((unit) => unit.id),
      target: MERGE.target,
      effectiveDate: MERGE.effectiveDate,
      reason: MERGE.reason,
    },
  });
  const target = result.departments.find((department) => department.code === MERGE.target.code);
  if (!target) throw new Error(`The merge's reply does not hold the new department ${MERGE.target.code}`);
  const merged: Unit = {
    id: target.id,
    code: target.code,
    name: target.name,
    liaisons: sources.flatMap((unit) => unit.liaisons),
    reviewers: sources.flatMap((unit) => unit.reviewers),
  };
  campus.units.set(merged.id, merged);
  const sourceIds = new Set(sources.map((unit) => unit.id));
  await gateway.until('the catalogue to move the merged units’ items', async () => {
    const items = (await gateway.expect<Page<CatalogueItem>>(200, 'GET', '/catalogue/items?limit=500')).items;
    return items.some((item) => sourceIds.has(item.leadDepartmentId ?? '')) ? null : true;
  });
  return merged;
}

async function createDepartment(
  gateway: GatewayClient,
  code: string,
  name: string,
  type: Department['type'] = 'office',
): Promise<string> {
  const answer = await gateway.send<Department>('POST', '/departments', { body: { code, name, type } });
  if (answer.status === 409)
    throw new Error(
      `Department ${code} already exists: the demo replays its year into a fresh system. ` +
        'Stop `npm start`, remove .data/ and start it again (or point --gateway at a fresh system).',
    );
  if (answer.status !== 201)
    throw new Error(`POST /departments ${code}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}

async function appoint(
  gateway: GatewayClient,
  staffNo: string,
  name: string,
  departmentId: string,
  role: Role,
  scope: string | null,
): Promise<string> {
  const person = await gateway.expect<Person>(201, 'POST', '/people', {
    body: { staffNo, name, departmentId, identityType: 'staff' },
  });
  await gateway.expect(201, 'POST', '/role-bindings', {
    body: { subjectType: 'person', subjectId: person.id, role, departmentId: scope, reason: '任命' },
  });
  return person.id;
}
