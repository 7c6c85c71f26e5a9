import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueItemCreatedV1,
  CategoryCreatedV1,
  SettingsChangedV1,
  SYSTEM_ACTOR,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { MessagingLifecycle } from '@gongkai/service-kit';
import { CategoriesRepository } from '../categories/categories.repository';
import { itemState } from '../items/item-events';
import { ItemsRepository } from '../items/items.repository';
import { PrismaService } from '../prisma.service';
import { SETTINGS_AGGREGATE_ID, SettingsRepository } from '../settings/settings.repository';
import { ReferenceRepository } from './reference.repository';
import { loadReferenceList, type ReferenceSeed } from './reference-list';

export interface LoadOutcome {
  categoriesInserted: number;
  itemsInserted: number;
}

/**
 * Loads the Ministry list on start: categories and items missing by code are inserted (with an
 * evt.catalogue.category.created / item.created each), and the settings row with the rules' default
 * time limit (evt.catalogue.settings.changed); existing ones are never touched, so what the office
 * edited stays as edited and a second start changes nothing. Items marked uncertain are loaded flagged.
 */
@Injectable()
export class ReferenceLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReferenceLoader.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly categoriesRepository: CategoriesRepository,
    private readonly itemsRepository: ItemsRepository,
    private readonly settingsRepository: SettingsRepository,
    private readonly referenceRepository: ReferenceRepository,
    private readonly messaging: MessagingLifecycle,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const outcome = await this.load(loadReferenceList());
    if (outcome.categoriesInserted + outcome.itemsInserted > 0) {
      // Its events go out now, not at the relay's next poll.
      this.messaging.kick();
      this.logger.log(
        `Loaded the Ministry disclosure list: ${outcome.categoriesInserted} categories, ${outcome.itemsInserted} items`,
      );
    }
  }

  async load(seed: ReferenceSeed): Promise<LoadOutcome> {
    return this.prisma.$transaction(
      async (tx) => {
        await this.referenceRepository.lock(tx);
        const context = {
          source: 'catalogue',
          actor: SYSTEM_ACTOR,
          correlationId: `reference-${seed.sha256.slice(0, 16)}`,
        };
        if (await this.settingsRepository.ensure(tx, seed.defaultTimeLimitDays)) {
          await emitEvent(
            tx,
            SettingsChangedV1,
            {
              settingsId: SETTINGS_AGGREGATE_ID,
              defaultTimeLimitDays: seed.defaultTimeLimitDays,
              previousDefaultTimeLimitDays: null,
              reason: 'Set on first start from the rules loaded with the reference list',
            },
            context,
          );
        }
        const knownCategories = await this.categoriesRepository.existingCodes(tx);
        const newCategories = seed.categories.filter((category) => !knownCategories.has(category.code));
        await this.categoriesRepository.insertMany(tx, newCategories);
        for (const category of newCategories) {
          await emitEvent(tx, CategoryCreatedV1, category, context);
        }
        const knownItems = await this.itemsRepository.existingCodes(tx);
        let itemsInserted = 0;
        for (const entry of seed.items) {
          if (knownItems.has(entry.code)) continue;
          const item = await this.itemsRepository.insert(tx, { id: uuidv7(), ...entry });
          await emitEvent(tx, CatalogueItemCreatedV1, itemState(item), context);
          itemsInserted += 1;
        }
        if (
          newCategories.length + itemsInserted > 0 ||
          !(await this.referenceRepository.wasLoaded(tx, seed.sha256))
        ) {
          await this.referenceRepository.recordLoad(tx, {
            sha256: seed.sha256,
            source: seed.source.slice(0, 2000),
            categoriesInserted: newCategories.length,
            itemsInserted,
          });
        }
        return { categoriesInserted: newCategories.length, itemsInserted };
      },
      { timeout: 60_000 },
    );
  }
}
