import { Controller } from '@nestjs/common';
import { PermissionsRpc, listRoles, type RoleList } from '@gongkai/contracts';
import { RpcHandler } from '@gongkai/messaging';

/** GET /roles: the fixed roles and their actions (docs/roles-and-actions.md). */
@Controller()
export class ListRolesHandler {
  @RpcHandler(PermissionsRpc.listRoles)
  list(): RoleList {
    return listRoles();
  }
}
