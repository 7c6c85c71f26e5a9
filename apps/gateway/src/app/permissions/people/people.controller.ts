import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  GetPersonAccessSchema,
  IdentityChangeBodySchema,
  ListIdentityChangesSchema,
  PermissionsRpc,
  type CreatePerson,
  type IdentityChangeBody,
  type ListPeople,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import type { z } from 'zod';
import { Meta } from '../../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../../http/rpc-route';
import { COMMAND_PROBLEMS, GET_PROBLEMS, LIST_PROBLEMS } from '../../openapi/api-schemas';
import { PathIdPipe } from '../shared/path-id.pipe';

const IdentityChangesQuerySchema = ListIdentityChangesSchema.omit({ personId: true });
type IdentityChangesQuery = z.infer<typeof IdentityChangesQuerySchema>;
const AccessQuerySchema = GetPersonAccessSchema.omit({ personId: true });
type AccessQuery = z.infer<typeof AccessQuerySchema>;
const PERSON_ID = { id: 'The person id' };

/** People and their identity changes (人员身份变更): what permissions follow a transfer or departure. */
@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @RpcRoute(PermissionsRpc.listPeople, {
    action: 'permissions.read',
    summary: 'List people, a page at a time (filter by department, status, staff number)',
    query: 'request',
    reply: 'A page of people',
    problems: LIST_PROBLEMS,
  })
  list(@RouteQuery() query: ListPeople, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.listPeople, query, meta);
  }

  @Post()
  @RpcRoute(PermissionsRpc.createPerson, {
    action: 'permissions.admin',
    summary: 'Add a person (they join `departmentId`)',
    body: 'request',
    status: 201,
    reply: 'The new person',
    problems: COMMAND_PROBLEMS,
  })
  create(@RouteBody() body: CreatePerson, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.createPerson, body, meta);
  }

  @Get(':id')
  @RpcRoute(PermissionsRpc.getPerson, {
    action: 'permissions.read',
    summary: 'One person',
    params: PERSON_ID,
    reply: 'The person',
    problems: GET_PROBLEMS,
  })
  get(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.getPerson, { id }, meta);
  }

  @Get(':id/identity-changes')
  @RpcRoute(PermissionsRpc.listIdentityChanges, {
    action: 'permissions.read',
    summary: "A person's identity changes, oldest first",
    params: PERSON_ID,
    query: IdentityChangesQuerySchema,
    reply: 'A page of identity changes',
    problems: GET_PROBLEMS,
  })
  identityChanges(
    @Param('id', PathIdPipe) personId: string,
    @RouteQuery() query: IdentityChangesQuery,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(PermissionsRpc.listIdentityChanges, { ...query, personId }, meta);
  }

  @Post(':id/identity-changes')
  @RpcRoute(PermissionsRpc.recordIdentityChange, {
    action: 'permissions.admin',
    summary: 'Record an identity change: join, transfer, post_change, leave, return or depart',
    description:
      'transfer: bindings scoped to the old department end and a permission request for each role is opened ' +
      'in the new one; depart: every binding ends and open requests are cancelled; leave: every decision denies ' +
      'until return. Open tasks and cases follow in rounds and complaints. `occurredAt` back-dates it (audited).',
    params: PERSON_ID,
    body: IdentityChangeBodySchema,
    status: 201,
    reply: 'The change, the person now, and the bindings and requests it ended or opened',
    problems: COMMAND_PROBLEMS,
  })
  recordIdentityChange(
    @Param('id', PathIdPipe) personId: string,
    @RouteBody() body: IdentityChangeBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(PermissionsRpc.recordIdentityChange, { ...body, personId }, meta);
  }

  @Get(':id/access')
  @RpcRoute(PermissionsRpc.getPersonAccess, {
    action: 'permissions.read',
    summary: 'What a person may do, where and until when (now, or `at` a given time)',
    params: PERSON_ID,
    query: AccessQuerySchema,
    reply: 'Bindings in force and upcoming, and whether the person is usable at all',
    problems: GET_PROBLEMS,
  })
  access(
    @Param('id', PathIdPipe) personId: string,
    @RouteQuery() query: AccessQuery,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(PermissionsRpc.getPersonAccess, { ...query, personId }, meta);
  }
}
