import { Injectable } from '@nestjs/common';
import type { Actor, ScoreWeights } from '@gongkai/contracts';
import type { ComplaintsTx } from '../prisma.service';

type Row = {
  version: number;
  response: number;
  resolution: number;
  satisfaction: number;
  effectiveFrom: Date;
  note: string | null;
  createdAt: Date;
};

const toView = (row: Row): ScoreWeights => ({
  version: row.version,
  response: row.response,
  resolution: row.resolution,
  satisfaction: row.satisfaction,
  effectiveFrom: row.effectiveFrom.toISOString().slice(0, 10),
  note: row.note,
  createdAt: row.createdAt.toISOString(),
});

/** The first version a new installation scores with; cities re-weight by adding versions. */
export const INITIAL_WEIGHTS = {
  response: 0.3,
  resolution: 0.3,
  satisfaction: 0.4,
  effectiveFrom: '2000-01-01',
};

/** The only place that touches score_weights (versions are never changed, only added). */
@Injectable()
export class WeightsRepository {
  async list(db: ComplaintsTx): Promise<ScoreWeights[]> {
    return (await db.scoreWeights.findMany({ orderBy: { version: 'asc' } })).map(toView);
  }

  /** The newest version in force on `date` (effectiveFrom ≤ date). */
  async inForce(db: ComplaintsTx, date: string): Promise<ScoreWeights | null> {
    const row = await db.scoreWeights.findFirst({
      where: { effectiveFrom: { lte: new Date(`${date}T00:00:00Z`) } },
      orderBy: { version: 'desc' },
    });
    return row ? toView(row) : null;
  }

  async add(
    tx: ComplaintsTx,
    weights: {
      response: number;
      resolution: number;
      satisfaction: number;
      effectiveFrom: string;
      note?: string;
    },
    actor: Actor,
  ): Promise<ScoreWeights> {
    await tx.$executeRaw`LOCK TABLE "score_weights" IN SHARE ROW EXCLUSIVE MODE`;
    const last = await tx.scoreWeights.findFirst({ orderBy: { version: 'desc' } });
    const row = await tx.scoreWeights.create({
      data: {
        version: (last?.version ?? 0) + 1,
        response: weights.response,
        resolution: weights.resolution,
        satisfaction: weights.satisfaction,
        effectiveFrom: new Date(`${weights.effectiveFrom}T00:00:00Z`),
        note: weights.note ?? null,
        createdBy: actor,
      },
    });
    return toView(row);
  }
}
