import { Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  PermissionsRpc,
  type DissolveDepartment,
  type ListReorganisations,
  type MergeDepartments,
  type RenameDepartment,
  type RequestMeta,
  type SplitDepartment,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Meta } from '../../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../../http/rpc-route';
import { COMMAND_PROBLEMS, LIST_PROBLEMS } from '../../openapi/api-schemas';

/** Every reorganisation is a command of the office, its body the whole request, its reply the same. */
const REORGANISATION = {
  action: 'permissions.admin',
  body: 'request',
  status: 201,
  reply: 'The reorganisation (what moved, what ended) and the affected departments as they are now',
  problems: COMMAND_PROBLEMS,
} as const;

/**
 * Reorganisations (机构改革), one route per kind: each moves people, department-scoped bindings,
 * open requests and child departments in one transaction, and is kept with its history.
 */
@ApiTags('departments')
@Controller('reorganisations')
export class ReorganisationsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Post('rename')
  @RpcRoute(PermissionsRpc.renameDepartment, {
    ...REORGANISATION,
    summary: 'Rename a department from an effective date (kept in its history)',
  })
  rename(@RouteBody() body: RenameDepartment, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.renameDepartment, body, meta);
  }

  @Post('merge')
  @RpcRoute(PermissionsRpc.mergeDepartments, {
    ...REORGANISATION,
    summary: 'Merge departments into an existing or a new one',
    description:
      'The sources are dissolved with the target as successor; people, bindings, requests move there.',
  })
  merge(@RouteBody() body: MergeDepartments, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.mergeDepartments, body, meta);
  }

  @Post('split')
  @RpcRoute(PermissionsRpc.splitDepartment, {
    ...REORGANISATION,
    summary: 'Split a department into new ones, assigning each of its people',
    description: 'Every person of the source must be assigned (409 names who is left).',
  })
  split(@RouteBody() body: SplitDepartment, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.splitDepartment, body, meta);
  }

  @Post('dissolve')
  @RpcRoute(PermissionsRpc.dissolveDepartment, {
    ...REORGANISATION,
    summary: 'Dissolve a department, into a successor or with nobody left in it',
  })
  dissolve(@RouteBody() body: DissolveDepartment, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.dissolveDepartment, body, meta);
  }

  @Get()
  @RpcRoute(PermissionsRpc.listReorganisations, {
    action: 'permissions.read',
    summary: 'List reorganisations, oldest first (filter by department)',
    query: 'request',
    reply: 'A page of reorganisations',
    problems: LIST_PROBLEMS,
  })
  list(@RouteQuery() query: ListReorganisations, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.listReorganisations, query, meta);
  }
}
