import { Injectable, Logger } from '@nestjs/common';
import { DomainError, ReportsErrorReasons, type ProjectionStatus } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { PrismaService } from '../../prisma.service';
import { ProjectionsRepository } from '../../projections/projections.repository';
import { ProjectionRuntime } from '../projection-runtime';

/**
 * Drops the projections and replays every stream from its first event: the consumers stop, the
 * projections and the consumers' inbox, positions, held events and dead letters are emptied in
 * one transaction, the durable consumers are deleted and started again. The office's saved text
 * is the service's own data and stays. Answers once the consumers are reading again; follow the
 * replay with `status`.
 */
@Injectable()
export class RebuildProjectionsUseCase {
  private readonly logger = new Logger(RebuildProjectionsUseCase.name);
  private running = false;
  private lastRebuildAt: Date | null = null;

  constructor(
    private readonly prisma: PrismaService,
    private readonly projectionsRepository: ProjectionsRepository,
    private readonly projectionRuntime: ProjectionRuntime,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<ProjectionStatus> {
    if (this.running) {
      throw DomainError.because(
        ReportsErrorReasons.REBUILD_RUNNING,
        'A rebuild is already running; follow it with GET /reports/status',
        {},
      );
    }
    this.running = true;
    this.lastRebuildAt = this.clock.now();
    try {
      const consumers = this.projectionRuntime.consumerKeys;
      await this.projectionRuntime.stopAll();
      await this.prisma.$transaction(async (tx) => {
        await this.projectionsRepository.truncateAll(tx);
        await tx.inboxEvent.deleteMany({ where: { consumer: { in: consumers } } });
        await tx.consumerPosition.deleteMany({ where: { consumer: { in: consumers } } });
        await tx.heldEvent.deleteMany({ where: { consumer: { in: consumers } } });
        await tx.deadLetter.deleteMany({ where: { consumer: { in: consumers } } });
      });
      await this.projectionRuntime.replayAll();
      this.logger.log(`Projections dropped; replaying ${consumers.join(', ')} from the start`);
    } finally {
      this.running = false;
    }
    return this.status();
  }

  status(): Promise<ProjectionStatus> {
    return this.projectionRuntime.status(this.running, this.lastRebuildAt);
  }
}
