import { z } from 'zod';
import { CatalogueRpc } from '../catalogue/rpc';
import { CatalogueSubjects } from '../catalogue/subjects';
import { ListItemsQuerySchema } from '../catalogue/items';
import { PermissionsRpc } from '../permissions/rpc';
import { PermissionsSubjects } from '../permissions/subjects';
import { deadLetterRpcOf } from './dead-letters';
import { DEPARTMENT_PROJECTING_SERVICES, projectedDepartmentsRpcOf } from './department-projection';
import { healthRpcOf } from './health';
import { defineRpc, subjectsOf, type RpcDefinition } from './rpc-definition';
import { DATA_SERVICES, SERVICE_NAMES } from './services';

const ALL_DEFINITIONS: RpcDefinition[] = [
  ...Object.values(PermissionsRpc),
  ...Object.values(CatalogueRpc),
  ...SERVICE_NAMES.map((service) => healthRpcOf(service)),
  ...DATA_SERVICES.flatMap((service) => Object.values(deadLetterRpcOf(service))),
  ...DEPARTMENT_PROJECTING_SERVICES.map((service) => projectedDepartmentsRpcOf(service)),
];

describe('request/reply definitions', () => {
  it('define each subject once, as <service>.<aggregate>.<verb>', () => {
    const subjects = ALL_DEFINITIONS.map((definition) => definition.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    for (const subject of subjects) expect(subject).toMatch(/^[a-z]+\.[a-z-]+\.[a-z-]+$/);
  });

  it('keep the subject maps equal to the definitions', () => {
    expect(PermissionsSubjects).toEqual(subjectsOf(PermissionsRpc));
    expect(CatalogueSubjects.listItems).toBe('catalogue.items.list');
    expect(PermissionsSubjects.createDepartment).toBe(PermissionsRpc.createDepartment.subject);
    expect(
      subjectsOf({ ping: defineRpc({ subject: 'x.y.z', request: z.object({}), reply: z.null() }) }),
    ).toEqual({
      ping: 'x.y.z',
    });
  });

  it('describe replies as they travel: no defaults or transforms, so the caller gets what was sent', () => {
    // Input and output JSON Schemas differ only in closing objects (`additionalProperties: false`).
    const open = (schema: unknown): unknown =>
      JSON.parse(
        JSON.stringify(schema, (key, value: unknown) => (key === 'additionalProperties' ? undefined : value)),
      );
    for (const { subject, reply } of ALL_DEFINITIONS) {
      const asSent = open(z.toJSONSchema(reply, { io: 'input', unrepresentable: 'any' }));
      const asReceived = open(z.toJSONSchema(reply, { io: 'output', unrepresentable: 'any' }));
      expect({ subject, schema: asSent }).toEqual({ subject, schema: asReceived });
    }
  });

  it('take a query the gateway already parsed (it forwards `uncertain` as a boolean)', () => {
    const parsedByTheGateway = ListItemsQuerySchema.parse({ uncertain: 'true', limit: '10' });
    expect(parsedByTheGateway).toEqual({ uncertain: true, limit: 10 });
    expect(ListItemsQuerySchema.parse(parsedByTheGateway)).toEqual(parsedByTheGateway);
  });
});
