import { Injectable } from '@nestjs/common';
import {
  CatalogueRpc,
  DomainError,
  RoundsErrorReasons,
  type RequestMeta,
  type TaskDiff,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { diffLines } from '@gongkai/text-diff';
import { PrismaService } from '../../prisma.service';
import { CatalogueItemsRepository } from '../../projections/catalogue-items.repository';
import { RoundsErrors } from '../../shared/rounds.errors';
import { TaskReaders } from '../task-readers';
import { TasksRepository } from '../tasks.repository';

/** The content fields besides the body that a submission may change. */
const COMPARED_FIELDS = ['title', 'summary', 'documents', 'attachments', 'channels'] as const;

/**
 * What approving the submission would change: its content against the item's current published
 * version. Rounds keeps which version is current (from the catalogue's publication events), but
 * not the content of every version, so the base content is read from the catalogue here, at
 * diff time: submitting never depends on the catalogue answering; only this read does (503
 * while it is down).
 */
@Injectable()
export class DiffTaskUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly serviceClient: ServiceClient,
    private readonly tasksRepository: TasksRepository,
    private readonly catalogueItemsRepository: CatalogueItemsRepository,
    private readonly taskReaders: TaskReaders,
  ) {}

  async execute(query: { taskId: string }, meta: RequestMeta): Promise<TaskDiff> {
    const task = await this.tasksRepository.findById(this.prisma, query.taskId);
    if (!task) throw RoundsErrors.taskNotFound(query.taskId);
    await this.taskReaders.assertSeesWorkOf(meta, task);
    const submission = task.submission;
    if (!submission) {
      throw DomainError.because(
        RoundsErrorReasons.TASK_WRONG_STATE,
        `Task ${task.id} (item ${task.itemCode}) has no submission to compare yet: a liaison must submit it first (POST /tasks/${task.id}/submit)`,
        { taskId: task.id, status: task.status },
      );
    }
    const item = await this.catalogueItemsRepository.findById(this.prisma, task.itemId);
    const baseId = item?.currentPublicationId ?? null;
    if (submission.noChange || !submission.content) {
      return {
        taskId: task.id,
        noChange: true,
        basePublicationId: baseId,
        baseVersion: baseId ? (item?.currentVersion ?? null) : null,
        changedFields: [],
        bodyDiff: [],
      };
    }
    const base = baseId
      ? await this.serviceClient.request(
          CatalogueRpc.getPublication,
          { itemId: task.itemId, publicationId: baseId },
          { actor: { kind: 'system', id: 'rounds' }, correlationId: meta.correlationId },
        )
      : null;
    const content = submission.content;
    return {
      taskId: task.id,
      noChange: false,
      basePublicationId: base?.id ?? null,
      baseVersion: base?.version ?? null,
      changedFields: [
        ...COMPARED_FIELDS.filter(
          (field) => JSON.stringify(base ? base[field] : null) !== JSON.stringify(content[field]),
        ),
        ...((base?.body ?? '') === content.body ? [] : ['body']),
      ],
      bodyDiff: diffLines(base?.body ?? '', content.body),
    };
  }
}
