import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogueSubjects, GetItemSchema, type CatalogueItem } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { ItemViews } from '../item-views';
import { ItemsRepository } from '../items.repository';

@Controller()
export class GetItemHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly itemViews: ItemViews,
  ) {}

  @MessagePattern(CatalogueSubjects.getItem)
  async get(@Payload() payload: unknown): Promise<CatalogueItem> {
    const { body } = parseRequest(GetItemSchema, payload);
    const item = await this.itemsRepository.findById(this.prisma, body.itemId);
    if (!item) throw CatalogueErrors.itemNotFound(body.itemId);
    return this.itemViews.one(this.prisma, item);
  }
}
