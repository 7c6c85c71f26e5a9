import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogueSubjects, UpdateSettingsSchema, type CatalogueSettings } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { SettingsRepository } from '../settings.repository';

/**
 * The default time limit is configurable because a revision of the rules is pending; items with
 * their own limit keep it. Deadlines already recorded on publications are not recomputed.
 */
@Controller()
export class UpdateSettingsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settingsRepository: SettingsRepository,
  ) {}

  @MessagePattern(CatalogueSubjects.updateSettings)
  update(@Payload() payload: unknown): Promise<CatalogueSettings> {
    const { meta, body } = parseRequest(UpdateSettingsSchema, payload);
    return this.prisma.$transaction((tx) =>
      this.settingsRepository.update(tx, { ...body, actor: meta.actor }),
    );
  }
}
