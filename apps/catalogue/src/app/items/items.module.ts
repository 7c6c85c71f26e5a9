import { Module } from '@nestjs/common';
import { ListCategoriesHandler } from '../categories/list-categories/list-categories.handler';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { CreateItemHandler } from './create-item/create-item.handler';
import { CreateItemUseCase } from './create-item/create-item.use-case';
import { GetItemHandler } from './get-item/get-item.handler';
import { ListItemsHandler } from './list-items/list-items.handler';
import { ListItemsUseCase } from './list-items/list-items.use-case';
import { RecordChangeHandler } from './record-change/record-change.handler';
import { RecordChangeUseCase } from './record-change/record-change.use-case';
import { UpdateItemHandler } from './update-item/update-item.handler';
import { UpdateItemUseCase } from './update-item/update-item.use-case';

@Module({
  imports: [CatalogueCoreModule],
  controllers: [
    ListCategoriesHandler,
    ListItemsHandler,
    GetItemHandler,
    CreateItemHandler,
    UpdateItemHandler,
    RecordChangeHandler,
  ],
  providers: [ListItemsUseCase, CreateItemUseCase, UpdateItemUseCase, RecordChangeUseCase],
})
export class ItemsModule {}
