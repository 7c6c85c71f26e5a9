import { Injectable } from '@nestjs/common';
import type { Page, Round, RoundStatus } from '@gongkai/contracts';
import { PrismaService } from '../../prisma.service';
import { RoundViews } from '../round-views';
import { RoundsRepository } from '../rounds.repository';

/** Rounds, newest first, a page at a time (the cursor is the last id seen). */
@Injectable()
export class ListRoundsUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly roundsRepository: RoundsRepository,
    private readonly roundViews: RoundViews,
  ) {}

  async execute(query: {
    limit: number;
    cursor?: string;
    academicYear?: string;
    status?: RoundStatus;
  }): Promise<Page<Round>> {
    const rounds = await this.roundsRepository.findMany(this.prisma, {
      academicYear: query.academicYear,
      status: query.status,
      before: query.cursor,
      limit: query.limit + 1,
    });
    const page = rounds.slice(0, query.limit);
    return {
      items: await this.roundViews.views(this.prisma, page),
      nextCursor: rounds.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
}
