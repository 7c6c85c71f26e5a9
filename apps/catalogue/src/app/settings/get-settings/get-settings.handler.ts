import { Controller } from '@nestjs/common';
import { CatalogueRpc, type CatalogueSettings } from '@gongkai/contracts';
import { RpcHandler } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { SettingsRepository } from '../settings.repository';

@Controller()
export class GetSettingsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settingsRepository: SettingsRepository,
  ) {}

  @RpcHandler(CatalogueRpc.getSettings)
  get(): Promise<CatalogueSettings> {
    return this.settingsRepository.get(this.prisma);
  }
}
