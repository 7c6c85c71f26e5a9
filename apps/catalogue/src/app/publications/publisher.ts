import { Injectable } from '@nestjs/common';
import { PublicationPublishedV1 } from '@gongkai/contracts';
import { emitEvent, type EventContext } from '@gongkai/messaging';
import { dueAfterChange } from '../freshness/freshness';
import { ItemsRepository, type ItemRecord } from '../items/items.repository';
import type { CatalogueTx } from '../prisma.service';
import { SettingsRepository } from '../settings/settings.repository';
import { CatalogueErrors } from '../shared/catalogue.errors';
import { hashVersion } from './publication-hash';
import { PublicationsRepository, hashedVersionOf, type PublicationRecord } from './publications.repository';

/**
 * Publishes a cleared publication as the item's next version, inside the caller's transaction
 * (which must hold the item's lock, so version numbers and the hash chain stay in order): numbers
 * it, records whether it met the time limit, hashes it onto the chain, supersedes the version it
 * replaces, and emits evt.catalogue.publication.published.
 */
@Injectable()
export class Publisher {
  constructor(
    private readonly publicationsRepository: PublicationsRepository,
    private readonly itemsRepository: ItemsRepository,
    private readonly settingsRepository: SettingsRepository,
  ) {}

  async publish(
    tx: CatalogueTx,
    input: { item: ItemRecord; publication: PublicationRecord; publishedAt: Date; context: EventContext },
  ): Promise<PublicationRecord> {
    const { item, publication, publishedAt, context } = input;
    const tip = await this.publicationsRepository.chainTip(tx, item.id);
    if (tip?.publishedAt && publishedAt < tip.publishedAt) {
      throw CatalogueErrors.wrongState(
        `Version ${tip.version} of item ${item.code} was published at ${tip.publishedAt.toISOString()}; ` +
          'a later version cannot be published before it',
        { itemId: item.id, latestPublishedAt: tip.publishedAt.toISOString() },
      );
    }
    const version = (tip?.version ?? 0) + 1;
    const informationChangedAt = publication.informationChangedAt ?? item.pendingChangeAt;
    const timeLimitDays = item.timeLimitDays ?? (await this.settingsRepository.get(tx)).defaultTimeLimitDays;
    const dueAt = informationChangedAt ? dueAfterChange(informationChangedAt, timeLimitDays) : null;
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
      publishedOnTime: dueAt ? publishedAt.getTime() <= dueAt.getTime() : null,
      publishedAt,
      publishedBy: context.actor,
      contentHash,
      previousHash,
    });
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
