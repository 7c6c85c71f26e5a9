import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueErrorReasons,
  CatalogueItemCreatedV1,
  type CatalogueItem,
  type CreateItem,
  type RequestMeta,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork } from '@gongkai/service-kit';
import { CategoriesRepository } from '../../categories/categories.repository';
import { DepartmentCheck } from '../../departments/department-check';
import type { CatalogueTx } from '../../prisma.service';
import { AppendRevisionUseCase } from '../../responsibilities/append-revision/append-revision.use-case';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { requestContext } from '../../shared/event-context';
import { todayInShanghai } from '../../shared/time';
import { itemState } from '../item-events';
import { ItemViews } from '../item-views';
import { ItemsRepository } from '../items.repository';

/**
 * A university item (the Ministry's come from the reference list): its code is unique, its
 * category exists, and its responsible departments, if given, are active, with a lead. With a
 * lead, its first 责任分工 revision takes effect today.
 */
@Injectable()
export class CreateItemUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly itemsRepository: ItemsRepository,
    private readonly categoriesRepository: CategoriesRepository,
    private readonly departmentCheck: DepartmentCheck,
    private readonly appendRevision: AppendRevisionUseCase,
    private readonly itemViews: ItemViews,
  ) {}

  async execute(body: CreateItem, meta: RequestMeta): Promise<CatalogueItem> {
    const context = requestContext(meta);
    return this.unitOfWork.run(async (tx: CatalogueTx) => {
      if (!(await this.categoriesRepository.exists(tx, body.categoryCode))) {
        throw CatalogueErrors.invalidField(
          CatalogueErrorReasons.UNKNOWN_REFERENCE,
          ['categoryCode'],
          `No category ${body.categoryCode}; take a code from GET /catalogue/categories`,
        );
      }
      if (await this.itemsRepository.findByCode(tx, body.code)) {
        throw CatalogueErrors.conflict(
          CatalogueErrorReasons.ITEM_CODE_TAKEN,
          `An item with code ${body.code} already exists; choose another code`,
          { code: body.code },
        );
      }
      const responsible = initialResponsibility(body);
      if (responsible) {
        await this.departmentCheck.assertActive(
          tx,
          this.departmentCheck.responsibilityFields(
            responsible.leadDepartmentId,
            responsible.coDepartmentIds,
          ),
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
      if (responsible) {
        await this.appendRevision.execute(tx, {
          item,
          revision: {
            ...responsible,
            reason: 'Item created',
            effectiveDate: todayInShanghai(this.clock.now()),
            trigger: 'item_created',
          },
          context,
        });
      }
      return this.itemViews.one(tx, item, this.clock.now());
    });
  }
}

/**
 * Who is responsible for a new item: nobody, or a lead with co-operating departments (never the
 * lead again, never co-operating ones without a lead). Whether they exist is checked in the database.
 */
export function initialResponsibility(
  body: Pick<CreateItem, 'leadDepartmentId' | 'coDepartmentIds'>,
): { leadDepartmentId: string; coDepartmentIds: string[] } | null {
  const coDepartmentIds = body.coDepartmentIds ?? [];
  if (!body.leadDepartmentId) {
    if (coDepartmentIds.length > 0) {
      throw CatalogueErrors.invalidField(
        CatalogueErrorReasons.RESPONSIBLE_DEPARTMENTS_INVALID,
        ['leadDepartmentId'],
        'Name a lead department with co-operating ones',
      );
    }
    return null;
  }
  if (coDepartmentIds.includes(body.leadDepartmentId)) {
    throw CatalogueErrors.invalidField(
      CatalogueErrorReasons.RESPONSIBLE_DEPARTMENTS_INVALID,
      ['coDepartmentIds'],
      'The lead department cannot also be a co-operating department',
    );
  }
  return { leadDepartmentId: body.leadDepartmentId, coDepartmentIds };
}
