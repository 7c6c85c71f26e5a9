import { Injectable } from '@nestjs/common';
import type { Round } from '@gongkai/contracts';
import { PrismaService } from '../../prisma.service';
import { RoundsErrors } from '../../shared/rounds.errors';
import { RoundViews } from '../round-views';
import { RoundsRepository } from '../rounds.repository';

@Injectable()
export class GetRoundUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly roundsRepository: RoundsRepository,
    private readonly roundViews: RoundViews,
  ) {}

  async execute(query: { roundId: string }): Promise<Round> {
    const round = await this.roundsRepository.findById(this.prisma, query.roundId);
    if (!round) throw RoundsErrors.roundNotFound(query.roundId);
    return this.roundViews.view(this.prisma, round);
  }
}
