import { Injectable } from '@nestjs/common';
import { canonicalJson, type ChainVerification, type ItemRef } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { checkChain, type ChainCheck } from '../publication-hash';
import { PublicationLedger, ledgerStateOf } from '../publication-ledger';
import { PublicationLedgerRepository } from '../publication-ledger.repository';
import { PublicationsRepository, hashedVersionOf } from '../publications.repository';

type Failure = NonNullable<ChainVerification['firstBroken']>['failure'];

/**
 * Recomputes the item's hash chain from the rows as stored now and reports the first version that
 * does not match: an edit made to a published record outside the service shows up here. Each
 * version's state fields must also be the ones the publication ledger last recorded, and the
 * ledger itself must be intact and agree with its checkpoints in the stream.
 */
@Injectable()
export class VerifyPublicationsUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationLedger: PublicationLedger,
    private readonly publicationLedgerRepository: PublicationLedgerRepository,
  ) {}

  async execute(query: ItemRef): Promise<ChainVerification> {
    if (!(await this.itemsRepository.findById(this.prisma, query.itemId))) {
      throw CatalogueErrors.itemNotFound(query.itemId);
    }
    const chain = await this.publicationsRepository.chain(this.prisma, query.itemId);
    const ledger = await this.publicationLedger.verify();
    const rows = new Map(
      (await this.publicationLedgerRepository.rowsOf(query.itemId)).map((row) => [row.id, row]),
    );
    const stateFailureOf = (publicationId: string): Failure | null => {
      const row = rows.get(publicationId);
      if (!row) return null;
      const recorded = ledger.latestStates.get(publicationId);
      if (!recorded) return 'not_in_ledger';
      return canonicalJson(ledgerStateOf(row)) === canonicalJson(recorded) ? null : 'state_mismatch';
    };
    const checks: (Omit<ChainCheck, 'failure'> & { failure: Failure | null })[] = checkChain(
      chain.map((record) => ({
        publicationId: record.id,
        hashed: hashedVersionOf(record),
        contentHash: record.contentHash,
      })),
    ).map((check) => {
      const failure = check.failure ?? stateFailureOf(check.publicationId);
      return { ...check, failure, ok: failure === null };
    });
    const broken = checks.find((check) => !check.ok);
    const brokenRecord = broken ? chain.find((record) => record.id === broken.publicationId) : undefined;
    return {
      itemId: query.itemId,
      intact: broken === undefined && ledger.intact,
      checked: checks.length,
      versions: checks.map((check, index) => ({
        publicationId: check.publicationId,
        version: check.version,
        state: chain[index]!.state,
        contentHash: chain[index]!.contentHash,
        ok: check.ok,
      })),
      firstBroken:
        broken && broken.failure
          ? {
              publicationId: broken.publicationId,
              version: broken.version,
              failure: broken.failure,
              storedHash: brokenRecord?.contentHash ?? null,
              recomputedHash: broken.recomputedHash,
            }
          : null,
      ledger: {
        intact: ledger.intact,
        checked: ledger.checked,
        lastSeq: ledger.lastSeq,
        firstBrokenSeq: ledger.firstBrokenSeq,
        reason: ledger.reason,
        checkpoint: ledger.checkpoint,
      },
      verifiedAt: this.clock.now().toISOString(),
    };
  }
}
