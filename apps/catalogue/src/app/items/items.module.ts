import { Module } from '@nestjs/common';
import { ListCategoriesHandler } from '../categories/list-categories/list-categories.handler';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { CreateItemHandler } from './create-item/create-item.handler';
import { GetItemHandler } from './get-item/get-item.handler';
import { ListItemsHandler } from './list-items/list-items.handler';
import { RecordChangeHandler } from './record-change/record-change.handler';
import { UpdateItemHandler } from './update-item/update-item.handler';

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
})
export class ItemsModule {}
