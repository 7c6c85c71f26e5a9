import { Injectable } from '@nestjs/common';
import {
  ACTABLE_ROLES,
  BOOTSTRAP_ADMIN_CLIENT_ID,
  type ActingDecision,
  type CheckActing,
} from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { ApiClientsRepository } from '../../api-clients/api-clients.repository';
import { PrismaService } from '../../prisma.service';
import { decideActing, type ActingFacts } from '../acting-rule';
import { PermissionDecider } from '../permission-decider';

/** May API client C act for person P (X-Acting-Person), now or at `at`? (acting-rule.ts) */
@Injectable()
export class CheckActingUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly apiClientsRepository: ApiClientsRepository,
    private readonly permissionDecider: PermissionDecider,
    private readonly clock: Clock,
  ) {}

  async execute(body: CheckActing): Promise<ActingDecision> {
    const at = body.at ? new Date(body.at) : this.clock.now();
    const client: ActingFacts['client'] =
      body.clientId === BOOTSTRAP_ADMIN_CLIENT_ID
        ? { status: 'active', mayActForPersons: true, actForRoles: ACTABLE_ROLES, unrestricted: true }
        : await this.apiClientsRepository.findById(this.prisma, body.clientId);
    const { subject, bindings } = await this.permissionDecider.factsOf(
      { subjectType: 'person', subjectId: body.personId, at },
      this.prisma,
    );
    const person = subject?.type === 'person' ? { status: subject.status } : null;
    return decideActing({ client, person, personBindings: bindings, at });
  }
}
