import { Module } from '@nestjs/common';
import { NoticePass } from './notice-pass';
import { SendNoticesUseCase } from './send-notices/send-notices.use-case';

/** Reminders and overdue escalations, sent by a periodic pass in every replica, each once. */
@Module({ providers: [SendNoticesUseCase, NoticePass], exports: [NoticePass] })
export class NoticesModule {}
