import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogueSubjects, RecordChangeSchema, type CatalogueItem } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { ItemAccess } from '../../access/item-access';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { businessTime } from '../../shared/time';
import { ItemViews } from '../item-views';
import { ItemsRepository } from '../items.repository';

/**
 * The information behind an item changed (e.g. a new admissions plan was adopted): its time limit
 * starts, and the item is due `timeLimitDays` working days later until a version is published.
 */
@Controller()
export class RecordChangeHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemAccess: ItemAccess,
    private readonly itemsRepository: ItemsRepository,
    private readonly itemViews: ItemViews,
  ) {}

  @MessagePattern(CatalogueSubjects.recordChange)
  async record(@Payload() payload: unknown): Promise<CatalogueItem> {
    const { meta, body } = parseRequest(RecordChangeSchema, payload);
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const changedAt = businessTime(body.changedAt, 'changedAt');
    return this.prisma.$transaction(async (tx) => {
      const item = await this.itemsRepository.lock(tx, body.itemId);
      if (!item) throw CatalogueErrors.itemNotFound(body.itemId);
      await this.itemsRepository.recordChange(tx, item.id, changedAt);
      return this.itemViews.one(tx, (await this.itemsRepository.findById(tx, item.id))!);
    });
  }
}
