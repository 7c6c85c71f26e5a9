import { Module } from '@nestjs/common';
import { ApprovePermissionRequestHandler } from './approve-permission-request/approve-permission-request.handler';
import { ApprovePermissionRequestUseCase } from './approve-permission-request/approve-permission-request.use-case';
import { GetPermissionRequestHandler } from './get-permission-request/get-permission-request.handler';
import { ListPermissionRequestsHandler } from './list-permission-requests/list-permission-requests.handler';
import { OpenPermissionRequestHandler } from './open-permission-request/open-permission-request.handler';
import { OpenPermissionRequestUseCase } from './open-permission-request/open-permission-request.use-case';
import { RejectPermissionRequestHandler } from './reject-permission-request/reject-permission-request.handler';
import { RejectPermissionRequestUseCase } from './reject-permission-request/reject-permission-request.use-case';
import { RequestApprovers } from './request-approvers';
import { RequestOpeners } from './request-openers';
import { ListPermissionRequestsUseCase } from './list-permission-requests/list-permission-requests.use-case';

@Module({
  controllers: [
    OpenPermissionRequestHandler,
    ApprovePermissionRequestHandler,
    RejectPermissionRequestHandler,
    GetPermissionRequestHandler,
    ListPermissionRequestsHandler,
  ],
  providers: [
    RequestApprovers,
    RequestOpeners,
    ListPermissionRequestsUseCase,
    OpenPermissionRequestUseCase,
    ApprovePermissionRequestUseCase,
    RejectPermissionRequestUseCase,
  ],
})
export class RequestsModule {}
