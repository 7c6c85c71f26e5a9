import { Controller } from '@nestjs/common';
import { CatalogueRpc, type CatalogueSettings } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UpdateSettingsUseCase } from './update-settings.use-case';

@Controller()
export class UpdateSettingsHandler {
  constructor(private readonly updateSettings: UpdateSettingsUseCase) {}

  @RpcHandler(CatalogueRpc.updateSettings)
  update({ meta, body }: RpcRequest<typeof CatalogueRpc.updateSettings>): Promise<CatalogueSettings> {
    return this.updateSettings.execute(body, meta);
  }
}
