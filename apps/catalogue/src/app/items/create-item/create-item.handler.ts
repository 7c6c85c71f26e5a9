import { Controller } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CatalogueItemCreatedV1, CatalogueRpc, type CatalogueItem } from '@gongkai/contracts';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { CategoriesRepository } from '../../categories/categories.repository';
import { DepartmentCheck } from '../../departments/department-check';
import type { CatalogueTx } from '../../prisma.service';
import { ResponsibilityWriter } from '../../responsibilities/responsibility-writer';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { todayInShanghai } from '../../shared/time';
import { itemState } from '../item-events';
import { ItemViews } from '../item-views';
import { ItemsRepository } from '../items.repository';

@Controller()
export class CreateItemHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemsRepository: ItemsRepository,
    private readonly categoriesRepository: CategoriesRepository,
    private readonly departmentCheck: DepartmentCheck,
    private readonly responsibilityWriter: ResponsibilityWriter,
    private readonly itemViews: ItemViews,
  ) {}

  @RpcHandler(CatalogueRpc.createItem)
  async create(call: RpcRequest<typeof CatalogueRpc.createItem>): Promise<CatalogueItem> {
    const { meta, body } = call;
    const context = { source: 'catalogue', actor: meta.actor, correlationId: meta.correlationId };
    const view = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      if (!(await this.categoriesRepository.exists(tx, body.categoryCode))) {
        throw CatalogueErrors.invalidField(
          ['categoryCode'],
          `No category ${body.categoryCode}; take a code from GET /catalogue/categories`,
        );
      }
      if (await this.itemsRepository.findByCode(tx, body.code)) {
        throw CatalogueErrors.conflict(`An item with code ${body.code} already exists; choose another code`, {
          code: body.code,
        });
      }
      const coDepartmentIds = body.coDepartmentIds ?? [];
      if (body.leadDepartmentId) {
        if (coDepartmentIds.includes(body.leadDepartmentId)) {
          throw CatalogueErrors.invalidField(
            ['coDepartmentIds'],
            'The lead department cannot also be a co-operating department',
          );
        }
        await this.departmentCheck.assertActive(
          tx,
          this.departmentCheck.responsibilityFields(body.leadDepartmentId, coDepartmentIds),
        );
      } else if (coDepartmentIds.length > 0) {
        throw CatalogueErrors.invalidField(
          ['leadDepartmentId'],
          'Name a lead department with co-operating ones',
        );
      }
      const item = await this.itemsRepository.insert(tx, {
        id: uuidv7(),
        code: body.code,
        moeItemNo: body.moeItemNo ?? null,
        title: body.title,
        categoryCode: body.categoryCode,
        description: body.description ?? null,
        legalBasis: body.legalBasis ?? null,
        scope: body.scope,
        cycle: body.cycle,
        timeLimitDays: body.timeLimitDays ?? null,
        channels: body.channels,
        columnUrl: body.columnUrl ?? null,
        status: 'active',
        origin: 'university',
        uncertain: false,
        uncertaintyNote: null,
      });
      await emitEvent(tx, CatalogueItemCreatedV1, itemState(item), context);
      if (body.leadDepartmentId) {
        await this.responsibilityWriter.append(
          tx,
          item,
          {
            leadDepartmentId: body.leadDepartmentId,
            coDepartmentIds,
            reason: 'Item created',
            effectiveDate: todayInShanghai(),
            trigger: 'item_created',
          },
          context,
        );
      }
      return this.itemViews.one(tx, item);
    });
    return view;
  }
}
