import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { CatalogueSubjects, type CatalogueSettings } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { SettingsRepository } from '../settings.repository';

@Controller()
export class GetSettingsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settingsRepository: SettingsRepository,
  ) {}

  @MessagePattern(CatalogueSubjects.getSettings)
  get(@Payload() payload: unknown): Promise<CatalogueSettings> {
    parseRequest(z.object({}).strict(), payload);
    return this.settingsRepository.get(this.prisma);
  }
}
