import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListRolesSchema, PermissionsSubjects, listRoles, type RoleList } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';

/** GET /roles: the fixed roles and their actions (docs/roles-and-actions.md). */
@Controller()
export class ListRolesHandler {
  @MessagePattern(PermissionsSubjects.listRoles)
  list(@Payload() payload: unknown): RoleList {
    parseRequest(ListRolesSchema, payload);
    return listRoles();
  }
}
