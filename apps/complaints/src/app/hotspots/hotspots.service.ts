import { Injectable } from '@nestjs/common';
import type { Hotspots, HotspotsQuery } from '@gongkai/contracts';
import { CasesRepository } from '../cases/cases.repository';
import type { ComplaintsTx } from '../prisma.service';
import { periodOf, previousPeriod } from '../shared/period';
import { hotspotsOf } from './hotspots';

/** Reads the cases of a period and the one before it (complaints, by business time of receipt). */
@Injectable()
export class HotspotsReader {
  constructor(private readonly casesRepository: CasesRepository) {}

  async read(db: ComplaintsTx, query: HotspotsQuery): Promise<Hotspots> {
    const current = periodOf(query.from, query.to);
    const previous = previousPeriod(current);
    const load = async (period: typeof current) =>
      (await this.casesRepository.receivedBetween(db, period.start, period.end)).filter(
        (row) => row.kind === 'complaint',
      );
    return hotspotsOf(await load(current), await load(previous), { current, previous }, query.limit);
  }
}
