import { Injectable } from '@nestjs/common';
import type { ProjectionStatus } from '@gongkai/contracts';
import type { ConsumerRunner } from '@gongkai/messaging';
import { MessagingLifecycle } from '@gongkai/service-kit';
import { PrismaService } from '../prisma.service';

/**
 * The durable consumers that fill the projections, as JetStream and the database see them:
 * how far behind each is, and how to make each read its stream again from the start.
 */
@Injectable()
export class ProjectionRuntime {
  constructor(
    private readonly messagingLifecycle: MessagingLifecycle,
    private readonly prisma: PrismaService,
  ) {}

  get runners(): readonly ConsumerRunner[] {
    return this.messagingLifecycle.runtime.consumerRunners;
  }

  get consumerKeys(): string[] {
    return this.runners.map((runner) => runner.durableName);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /** Deletes each durable consumer, then starts it again: a new one delivers its stream from the first event. */
  async replayAll(): Promise<void> {
    const runtime = this.messagingLifecycle.runtime;
    for (const runner of this.runners) {
      await runtime.nats.jsm.consumers.delete(runner.stream, runner.durableName).catch((error: unknown) => {
        if (!/not found/i.test(String(error))) throw error;
      });
    }
    // Through the supervisor, which serialises restarts per consumer (it may be restarting one already).
    const supervisor = runtime.consumerSupervisor;
    await Promise.all(
      this.runners.map((runner) =>
        supervisor ? supervisor.heal(runner, 'projections rebuilt') : runner.start(),
      ),
    );
  }

  async status(rebuilding: boolean, lastRebuildAt: Date | null): Promise<ProjectionStatus> {
    const runtime = this.messagingLifecycle.runtime;
    const held = await this.prisma.heldEvent.groupBy({
      by: ['consumer'],
      where: { consumer: { in: this.consumerKeys } },
      _count: { _all: true },
    });
    const heldBy = new Map(held.map((row) => [row.consumer, row._count._all]));
    const consumers = await Promise.all(
      this.runners.map(async (runner) => {
        const info = await runtime.nats.jsm.consumers
          .info(runner.stream, runner.durableName)
          .catch(() => null);
        return {
          consumer: runner.durableName,
          stream: runner.stream,
          // A consumer being re-created has everything still to deliver: count it as behind.
          pending: info ? info.num_pending + info.num_ack_pending : 1,
          held: heldBy.get(runner.durableName) ?? 0,
        };
      }),
    );
    return {
      rebuilding,
      lastRebuildAt: lastRebuildAt?.toISOString() ?? null,
      consumers,
      caughtUp: !rebuilding && consumers.every((entry) => entry.pending === 0 && entry.held === 0),
    };
  }
}
