import { Module } from '@nestjs/common';
import { CheckActingHandler } from './check-acting/check-acting.handler';
import { CheckActingUseCase } from './check-acting/check-acting.use-case';
import { CheckPermissionHandler } from './check-permission/check-permission.handler';
import { CheckPermissionUseCase } from './check-permission/check-permission.use-case';
import { GetRoleBindingHandler } from './get-role-binding/get-role-binding.handler';
import { GrantRoleBindingHandler } from './grant-role-binding/grant-role-binding.handler';
import { GrantRoleBindingUseCase } from './grant-role-binding/grant-role-binding.use-case';
import { ListRoleBindingsHandler } from './list-role-bindings/list-role-bindings.handler';
import { ListRolesHandler } from './list-roles/list-roles.handler';
import { RevokeRoleBindingHandler } from './revoke-role-binding/revoke-role-binding.handler';
import { RevokeRoleBindingUseCase } from './revoke-role-binding/revoke-role-binding.use-case';
import { BindingSweeper } from './sweep-bindings/binding-sweeper';
import { SweepBindingsUseCase } from './sweep-bindings/sweep-bindings.use-case';

/** Roles, role bindings, decisions, and the sweeper that starts and ends time-bound bindings. */
@Module({
  controllers: [
    CheckPermissionHandler,
    CheckActingHandler,
    ListRolesHandler,
    GrantRoleBindingHandler,
    RevokeRoleBindingHandler,
    GetRoleBindingHandler,
    ListRoleBindingsHandler,
  ],
  providers: [
    CheckPermissionUseCase,
    CheckActingUseCase,
    GrantRoleBindingUseCase,
    RevokeRoleBindingUseCase,
    SweepBindingsUseCase,
    BindingSweeper,
  ],
})
export class AccessModule {}
