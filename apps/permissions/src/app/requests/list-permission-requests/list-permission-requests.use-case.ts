import { Injectable } from '@nestjs/common';
import {
  BOOTSTRAP_ADMIN_CLIENT_ID,
  CommonErrorReasons,
  DomainError,
  type ListPermissionRequests,
  type Page,
  type PermissionRequest,
  type RequestMeta,
  type SubjectType,
} from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { PermissionDecider } from '../../access/permission-decider';
import { RequestsRepository } from '../requests.repository';

/**
 * Permission requests, as far as the caller may see them: everything for `permissions.read`
 * school-wide (the office, auditors); otherwise the requests of the departments where the caller
 * may approve requests (a dept_reviewer: their own department), filtered here from the caller's
 * bindings, never from a department the caller names.
 */
@Injectable()
export class ListPermissionRequestsUseCase {
  constructor(
    private readonly permissionDecider: PermissionDecider,
    private readonly requestsRepository: RequestsRepository,
    private readonly clock: Clock,
  ) {}

  async execute(meta: RequestMeta, query: ListPermissionRequests): Promise<Page<PermissionRequest>> {
    const actor = meta.actor;
    if (actor.kind === 'client' && actor.id === BOOTSTRAP_ADMIN_CLIENT_ID) {
      return this.requestsRepository.list(query);
    }
    if (actor.kind === 'system') throw denied(`The ${actor.id} system may not list permission requests.`);
    const subject = { subjectType: actor.kind as SubjectType, subjectId: actor.id, at: this.clock.now() };
    const readAll = await this.permissionDecider.decide({
      ...subject,
      action: 'permissions.read',
      departmentId: null,
    });
    if (readAll.allow) return this.requestsRepository.list(query);
    const reach = await this.permissionDecider.reach({ ...subject, action: 'permissions.request.approve' });
    if (reach.schoolWide) return this.requestsRepository.list(query);
    if (reach.departmentIds.length === 0) {
      throw denied(
        `${actor.kind} ${actor.id} may not list permission requests: ${readAll.reason}. ` +
          "A department's reviewer sees its own department's requests; the disclosure office and auditors see all.",
      );
    }
    if (query.departmentId && !reach.departmentIds.includes(query.departmentId)) {
      throw denied(
        `${actor.kind} ${actor.id} may see the permission requests of department(s) ${reach.departmentIds.join(', ')} ` +
          `only, not of ${query.departmentId}. Leave out \`departmentId\` to list those.`,
      );
    }
    return this.requestsRepository.list(query, reach.departmentIds);
  }
}

function denied(message: string): DomainError {
  return DomainError.because(CommonErrorReasons.PERMISSION_DENIED, message);
}
