import { Injectable } from '@nestjs/common';
import { CatalogueErrorReasons, PublicationPublishedV1 } from '@gongkai/contracts';
import { emitEvent, type EventContext } from '@gongkai/messaging';
import { dueAfterChange } from '../../freshness/freshness';
import { ItemsRepository, type ItemRecord } from '../../items/items.repository';
import type { CatalogueTx } from '../../prisma.service';
import { SettingsRepository } from '../../settings/settings.repository';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { hashVersion } from '../publication-hash';
import { PublicationLedger } from '../publication-ledger';
import { PublicationsRepository, hashedVersionOf, type PublicationRecord } from '../publications.repository';

/**
 * Publishes a cleared publication as the item's next version: numbers it, records whether it
 * met the time limit, hashes it onto the chain, supersedes the version it replaces, and emits
 * evt.catalogue.publication.published. A step of publishing by hand and of an approved round
 * task, in their unit of work (`tx`), which must hold the item's lock so version numbers and the
 * hash chain stay in order.
 */
@Injectable()
export class PublishVersionUseCase {
  constructor(
    private readonly publicationsRepository: PublicationsRepository,
    private readonly itemsRepository: ItemsRepository,
    private readonly settingsRepository: SettingsRepository,
    private readonly publicationLedger: PublicationLedger,
  ) {}

  async execute(
    tx: CatalogueTx,
    input: { item: ItemRecord; publication: PublicationRecord; publishedAt: Date; context: EventContext },
  ): Promise<PublicationRecord> {
    const { item, publication, publishedAt, context } = input;
    const tip = await this.publicationsRepository.chainTip(tx, item.id);
    const version = nextVersion(item, tip, publishedAt);
    const informationChangedAt = changeTheLimitRunsFrom(
      publication.informationChangedAt,
      item.pendingChangeAt,
    );
    const timeLimitDays = item.timeLimitDays ?? (await this.settingsRepository.get(tx)).defaultTimeLimitDays;
    const { dueAt, publishedOnTime } = timeLimitMet({ informationChangedAt, timeLimitDays, publishedAt });
    const previousHash = tip?.contentHash ?? null;
    const contentHash = hashVersion(
      hashedVersionOf({ ...publication, version, publishedAt, informationChangedAt, previousHash }),
    );

    const current = await this.publicationsRepository.current(tx, item.id);
    if (current) {
      await this.publicationsRepository.update(tx, current.id, {
        state: 'superseded',
        supersededAt: publishedAt,
      });
    }
    const published = await this.publicationsRepository.update(tx, publication.id, {
      state: 'published',
      version,
      informationChangedAt,
      dueAt,
      publishedOnTime,
      publishedAt,
      publishedBy: context.actor,
      contentHash,
      previousHash,
    });
    await this.publicationLedger.record(
      tx,
      [
        ...(current ? [{ publicationId: current.id, change: 'superseded' as const }] : []),
        { publicationId: published.id, change: 'published' as const },
      ],
      context,
    );
    await this.itemsRepository.clearChangesPublished(tx, item.id, publishedAt);
    await emitEvent(
      tx,
      PublicationPublishedV1,
      {
        itemId: item.id,
        itemCode: item.code,
        publicationId: published.id,
        version,
        title: published.title,
        source: published.source,
        taskId: published.taskId,
        roundId: published.roundId,
        scope: item.scope,
        channels: published.channels,
        publishedAt: publishedAt.toISOString(),
        informationChangedAt: informationChangedAt?.toISOString() ?? null,
        dueAt: dueAt?.toISOString() ?? null,
        publishedOnTime: published.publishedOnTime,
        contentHash,
        previousHash,
        supersededPublicationId: current?.id ?? null,
      },
      { ...context, occurredAt: publishedAt },
    );
    return published;
  }
}

/**
 * The number of the version published at `publishedAt` after the chain's tip: one more. Versions
 * go out in time order, so a version cannot be published before the one it follows.
 */
export function nextVersion(
  item: Pick<ItemRecord, 'id' | 'code'>,
  tip: Pick<PublicationRecord, 'version' | 'publishedAt'> | null,
  publishedAt: Date,
): number {
  if (tip?.publishedAt && publishedAt < tip.publishedAt) {
    throw CatalogueErrors.wrongState(
      CatalogueErrorReasons.PUBLICATION_OUT_OF_ORDER,
      `Version ${tip.version} of item ${item.code} was published at ${tip.publishedAt.toISOString()}; ` +
        'a later version cannot be published before it',
      { itemId: item.id, latestPublishedAt: tip.publishedAt.toISOString() },
    );
  }
  return (tip?.version ?? 0) + 1;
}

/**
 * The change a version's time limit runs from: the earlier of the one its content declares and the
 * one recorded on the item and not yet published. A declared change later than the recorded one
 * would move the due date on and could make a late publication count as on time (a reported
 * figure); the recorded change is corrected by recording it, which back-dating rights gate.
 */
export function changeTheLimitRunsFrom(declared: Date | null, recorded: Date | null): Date | null {
  if (!declared || !recorded) return declared ?? recorded;
  return declared.getTime() <= recorded.getTime() ? declared : recorded;
}

/**
 * The time limit a version answers: due `timeLimitDays` working days after the change it
 * publishes, and met when published by then. Without a recorded change there is no limit to meet.
 */
export function timeLimitMet(input: {
  informationChangedAt: Date | null;
  timeLimitDays: number;
  publishedAt: Date;
}): { dueAt: Date | null; publishedOnTime: boolean | null } {
  if (!input.informationChangedAt) return { dueAt: null, publishedOnTime: null };
  const dueAt = dueAfterChange(input.informationChangedAt, input.timeLimitDays);
  return { dueAt, publishedOnTime: input.publishedAt.getTime() <= dueAt.getTime() };
}
