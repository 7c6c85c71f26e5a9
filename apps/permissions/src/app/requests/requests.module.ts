import { Module } from '@nestjs/common';
import { ApprovePermissionRequestHandler } from './approve-permission-request/approve-permission-request.handler';
import { GetPermissionRequestHandler } from './get-permission-request/get-permission-request.handler';
import { ListPermissionRequestsHandler } from './list-permission-requests/list-permission-requests.handler';
import { OpenPermissionRequestHandler } from './open-permission-request/open-permission-request.handler';
import { RejectPermissionRequestHandler } from './reject-permission-request/reject-permission-request.handler';

@Module({
  controllers: [
    OpenPermissionRequestHandler,
    ApprovePermissionRequestHandler,
    RejectPermissionRequestHandler,
    GetPermissionRequestHandler,
    ListPermissionRequestsHandler,
  ],
})
export class RequestsModule {}
