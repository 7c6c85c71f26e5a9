import { Injectable } from '@nestjs/common';
import type { Dashboard } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { computeDashboard } from '../dashboard';
import { DashboardRepository } from '../dashboard.repository';

/** The live dashboard, computed from the projections at the time of asking. */
@Injectable()
export class GetDashboardUseCase {
  constructor(
    private readonly dashboardRepository: DashboardRepository,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<Dashboard> {
    return computeDashboard(await this.dashboardRepository.inputsAt(this.clock.now()));
  }
}
