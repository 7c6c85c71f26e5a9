import { Injectable } from '@nestjs/common';
import type { CatalogueTx } from '../prisma.service';

/** Advisory lock key for loading the reference list: replicas starting together load it once. */
const REFERENCE_LOCK_KEY = 7_104_220_301;

/** The only place that touches the ReferenceLoad model. */
@Injectable()
export class ReferenceRepository {
  async lock(tx: CatalogueTx): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFERENCE_LOCK_KEY}::bigint)`;
  }

  async wasLoaded(tx: CatalogueTx, sha256: string): Promise<boolean> {
    return (await tx.referenceLoad.count({ where: { sha256 } })) > 0;
  }

  async recordLoad(
    tx: CatalogueTx,
    load: { sha256: string; source: string; categoriesInserted: number; itemsInserted: number },
  ): Promise<void> {
    await tx.referenceLoad.createMany({ data: [load], skipDuplicates: true });
  }
}
