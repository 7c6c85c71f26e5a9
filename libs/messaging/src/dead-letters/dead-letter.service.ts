import { DomainError, ErrorCode } from '@gongkai/contracts';
import type { InboxProcessor } from '../inbox/inbox.processor';
import type { DeadLetter, DeadLetterRepository, DeadLetterStatus } from './dead-letter.repository';

/** Lists parked events and replays one through its consumer's inbox (so a replay is still applied once). */
export class DeadLetterService {
  constructor(
    private readonly repository: DeadLetterRepository,
    private readonly processors: ReadonlyMap<string, InboxProcessor>,
  ) {}

  list(options: { status?: DeadLetterStatus; limit: number; cursor?: string }) {
    return this.repository.list(options);
  }

  async replay(id: string): Promise<DeadLetter> {
    const letter = await this.repository.find(id);
    if (!letter)
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        `No dead letter ${id}; list them with GET /ops/dead-letters`,
      );
    if (letter.status === 'replayed') {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `Dead letter ${id} was already replayed at ${letter.replayedAt}`,
      );
    }
    const processor = this.processors.get(letter.consumer);
    if (!processor) {
      throw new DomainError(
        ErrorCode.PRECONDITION_FAILED,
        `Consumer ${letter.consumer} no longer exists in this service`,
      );
    }
    try {
      await processor.process(letter.rawMessage, {
        subject: letter.subject,
        streamSeq: BigInt(letter.streamSeq),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.repository.recordFailedReplay(id, reason);
      throw new DomainError(
        ErrorCode.PRECONDITION_FAILED,
        `Replaying dead letter ${id} failed again; fix the cause, then replay it again: ${reason}`,
        { deadLetterId: id },
      );
    }
    await this.repository.markReplayed(id);
    return (await this.repository.find(id)) as DeadLetter;
  }
}
