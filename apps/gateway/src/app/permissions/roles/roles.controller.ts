import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RoleListSchema, listRoles, type RoleList } from '@gongkai/contracts';
import { AuthenticatedOnly } from '../../auth/auth.decorators';
import { ApiProblems, ApiZodReply } from '../../openapi/api-schemas';

/** The fixed roles and what each allows: reference data every caller needs to ask for a role. */
@ApiTags('roles')
@Controller('roles')
export class RolesController {
  @Get()
  @AuthenticatedOnly()
  @ApiOperation({
    summary: 'The roles, their actions, and whether each is bound to one department or school-wide',
    description:
      'The same table for everyone (docs/roles-and-actions.md); any authenticated caller may read it.',
  })
  @ApiZodReply(200, 'Every role', RoleListSchema)
  @ApiProblems(401, 429)
  list(): RoleList {
    return listRoles();
  }
}
