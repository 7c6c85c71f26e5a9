import { Module } from '@nestjs/common';
import { BindingSweeper } from './binding-sweeper';
import { CheckPermissionHandler } from './check-permission/check-permission.handler';
import { GetRoleBindingHandler } from './get-role-binding/get-role-binding.handler';
import { GrantRoleBindingHandler } from './grant-role-binding/grant-role-binding.handler';
import { ListRoleBindingsHandler } from './list-role-bindings/list-role-bindings.handler';
import { ListRolesHandler } from './list-roles/list-roles.handler';
import { RevokeRoleBindingHandler } from './revoke-role-binding/revoke-role-binding.handler';

/** Roles, role bindings, decisions, and the sweeper that starts and ends time-bound bindings. */
@Module({
  controllers: [
    CheckPermissionHandler,
    ListRolesHandler,
    GrantRoleBindingHandler,
    RevokeRoleBindingHandler,
    GetRoleBindingHandler,
    ListRoleBindingsHandler,
  ],
  providers: [BindingSweeper],
})
export class AccessModule {}
