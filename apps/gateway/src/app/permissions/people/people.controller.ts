import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreatePersonSchema,
  GetPersonAccessSchema,
  IdentityChangeBodySchema,
  IdentityChangeResultSchema,
  IdentityChangeSchema,
  ListIdentityChangesSchema,
  ListPeopleSchema,
  PermissionsSubjects,
  PersonAccessSchema,
  PersonSchema,
  pageSchema,
  type CreatePerson,
  type IdentityChange,
  type IdentityChangeBody,
  type IdentityChangeResult,
  type ListPeople,
  type Page,
  type Person,
  type PersonAccess,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import type { z } from 'zod';
import { Action } from '../../auth/auth.decorators';
import { Meta } from '../../http/request-meta.decorator';
import { ZodValidationPipe } from '../../http/zod-validation.pipe';
import {
  ApiProblems,
  ApiZodQuery,
  COMMAND_PROBLEMS,
  GET_PROBLEMS,
  LIST_PROBLEMS,
} from '../../openapi/api-schemas';
import { PathIdPipe } from '../shared/path-id.pipe';
import { ApiIdParam, ApiZodBody, ApiZodReply } from '../shared/permissions.openapi';

const IdentityChangesQuerySchema = ListIdentityChangesSchema.omit({ personId: true });
type IdentityChangesQuery = z.infer<typeof IdentityChangesQuerySchema>;
const AccessQuerySchema = GetPersonAccessSchema.omit({ personId: true });
type AccessQuery = z.infer<typeof AccessQuerySchema>;

/** People and their identity changes (人员身份变更): what permissions follow a transfer or departure. */
@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @Action('permissions.read')
  @ApiOperation({ summary: 'List people, a page at a time (filter by department, status, staff number)' })
  @ApiZodQuery(ListPeopleSchema)
  @ApiZodReply(200, 'A page of people', pageSchema(PersonSchema))
  @ApiProblems(...LIST_PROBLEMS)
  list(
    @Query(new ZodValidationPipe(ListPeopleSchema, 'query')) query: ListPeople,
    @Meta() meta: RequestMeta,
  ): Promise<Page<Person>> {
    return this.serviceClient.request<Page<Person>>(PermissionsSubjects.listPeople, query, meta);
  }

  @Post()
  @Action('permissions.admin')
  @ApiOperation({ summary: 'Add a person (they join `departmentId`)' })
  @ApiZodBody(CreatePersonSchema)
  @ApiZodReply(201, 'The new person', PersonSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  create(
    @Body(new ZodValidationPipe(CreatePersonSchema, 'body')) body: CreatePerson,
    @Meta() meta: RequestMeta,
  ): Promise<Person> {
    return this.serviceClient.request<Person>(PermissionsSubjects.createPerson, body, meta);
  }

  @Get(':id')
  @Action('permissions.read')
  @ApiOperation({ summary: 'One person' })
  @ApiIdParam('The person id')
  @ApiZodReply(200, 'The person', PersonSchema)
  @ApiProblems(...GET_PROBLEMS)
  get(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta): Promise<Person> {
    return this.serviceClient.request<Person>(PermissionsSubjects.getPerson, { id }, meta);
  }

  @Get(':id/identity-changes')
  @Action('permissions.read')
  @ApiOperation({ summary: "A person's identity changes, oldest first" })
  @ApiIdParam('The person id')
  @ApiZodQuery(IdentityChangesQuerySchema)
  @ApiZodReply(200, 'A page of identity changes', pageSchema(IdentityChangeSchema))
  @ApiProblems(...GET_PROBLEMS)
  identityChanges(
    @Param('id', PathIdPipe) personId: string,
    @Query(new ZodValidationPipe(IdentityChangesQuerySchema, 'query')) query: IdentityChangesQuery,
    @Meta() meta: RequestMeta,
  ): Promise<Page<IdentityChange>> {
    return this.serviceClient.request<Page<IdentityChange>>(
      PermissionsSubjects.listIdentityChanges,
      { ...query, personId },
      meta,
    );
  }

  @Post(':id/identity-changes')
  @Action('permissions.admin')
  @ApiOperation({
    summary: 'Record an identity change: join, transfer, post_change, leave, return or depart',
    description:
      'transfer: bindings scoped to the old department end and a permission request for each role is opened ' +
      'in the new one; depart: every binding ends and open requests are cancelled; leave: every decision denies ' +
      'until return. Open tasks and cases follow in rounds and complaints. `occurredAt` back-dates it (audited).',
  })
  @ApiIdParam('The person id')
  @ApiZodBody(IdentityChangeBodySchema)
  @ApiZodReply(
    201,
    'The change, the person now, and the bindings and requests it ended or opened',
    IdentityChangeResultSchema,
  )
  @ApiProblems(...COMMAND_PROBLEMS)
  recordIdentityChange(
    @Param('id', PathIdPipe) personId: string,
    @Body(new ZodValidationPipe(IdentityChangeBodySchema, 'body')) body: IdentityChangeBody,
    @Meta() meta: RequestMeta,
  ): Promise<IdentityChangeResult> {
    return this.serviceClient.request<IdentityChangeResult>(
      PermissionsSubjects.recordIdentityChange,
      { ...body, personId },
      meta,
    );
  }

  @Get(':id/access')
  @Action('permissions.read')
  @ApiOperation({
    summary: 'What a person may do, where and until when (now, or `at` a given time)',
  })
  @ApiIdParam('The person id')
  @ApiZodQuery(AccessQuerySchema)
  @ApiZodReply(
    200,
    'Bindings in force and upcoming, and whether the person is usable at all',
    PersonAccessSchema,
  )
  @ApiProblems(...GET_PROBLEMS)
  access(
    @Param('id', PathIdPipe) personId: string,
    @Query(new ZodValidationPipe(AccessQuerySchema, 'query')) query: AccessQuery,
    @Meta() meta: RequestMeta,
  ): Promise<PersonAccess> {
    return this.serviceClient.request<PersonAccess>(
      PermissionsSubjects.getPersonAccess,
      { ...query, personId },
      meta,
    );
  }
}
