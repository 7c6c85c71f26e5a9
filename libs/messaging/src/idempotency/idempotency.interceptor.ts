import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { DomainError, ErrorCode, IdempotencyMetaSchema } from '@gongkai/contracts';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { prefixSubject } from '../rpc/prefix';
import { toErrorBody } from '../rpc/rpc-errors';
import type { SqlClient } from '../sql-client';
import { IdempotencyContext, runWithIdempotency, type IdempotentCommand } from './idempotency-context';
import { IdempotencyRepository, type StoredKey, type StoredOutcome } from './idempotency.repository';

export interface IdempotencyInterceptorOptions {
  /** Deployment prefix (config.nats.prefix), to match a key's operation with the subject answered. */
  prefix: string;
  /** How long a retry waits for the first request's reply before answering IDEMPOTENCY_KEY_IN_USE. */
  waitMs?: number;
  pollMs?: number;
  /** A key still without its reply after this long was applied, but its reply was lost. */
  lostAfterMs?: number;
}

const DEFAULT_WAIT_MS = 3000;
const DEFAULT_POLL_MS = 25;
const DEFAULT_LOST_AFTER_MS = 30_000;

/**
 * The service half of `Idempotency-Key` (the gateway validates the header, scopes it to the
 * caller and route, and hashes the request): for a request whose meta carries a key meant for
 * the subject being answered,
 * 1. a key already stored answers as the first request did: its reply, or its typed error; a
 *    different request hash is refused (IDEMPOTENCY_KEY_REUSED → 422); a first request still
 *    running is waited for up to `waitMs`, then IDEMPOTENCY_KEY_IN_USE (→ 409);
 * 2. otherwise the handler runs with an IdempotencyContext, and its first transaction stores the
 *    key atomically with the state change (claimIdempotencyKeysIn); once the handler has
 *    answered, its reply (or the error it failed with after committing) is stored with the key;
 * 3. a handler that changed nothing (it failed before or inside its transaction, which rolled
 *    back) stores nothing, so a corrected retry with the same key is applied, unless a request
 *    with the same key committed meanwhile: then this one answers as that one did.
 * Requests without a key, or with one meant for another subject (a meta forwarded by a
 * service to the services it asks), pass straight through.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly lostAfterMs: number;

  constructor(
    private readonly db: SqlClient,
    private readonly options: IdempotencyInterceptorOptions,
  ) {
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.lostAfterMs = options.lostAfterMs ?? DEFAULT_LOST_AFTER_MS;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const command = this.keyedCommandOf(context);
    if (!command) return next.handle();
    return from(this.handle(command, next));
  }

  private keyedCommandOf(context: ExecutionContext): IdempotentCommand | null {
    if (context.getType() !== 'rpc') return null;
    const rpc = context.switchToRpc();
    const data: unknown = rpc.getData();
    if (!data || typeof data !== 'object' || !('meta' in data)) return null;
    const meta = data.meta;
    if (!meta || typeof meta !== 'object' || !('idempotency' in meta)) return null;
    // A malformed key is left to the handler's parseRequest, which refuses the request.
    const parsed = IdempotencyMetaSchema.safeParse(meta.idempotency);
    if (!parsed.success || !parsed.data.operation) return null;
    const { scope, operation, key, requestHash } = parsed.data;
    if (prefixSubject(this.options.prefix, operation) !== subjectOf(rpc.getContext())) return null;
    return { scope, operation, key, requestHash };
  }

  private async handle(command: IdempotentCommand, next: CallHandler): Promise<unknown> {
    const earlier = await IdempotencyRepository.find(this.db, command);
    if (earlier) return this.answerAs(command, earlier);
    const context = new IdempotencyContext(command);
    try {
      const value = await runWithIdempotency(context, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      );
      if (context.state === 'claimed') await this.record(command, { outcome: 'result', value });
      return value;
    } catch (error) {
      if (context.state === 'claimed') {
        // The change committed, then the handler failed: a retry must get this same answer.
        await this.record(command, { outcome: 'error', error: toErrorBody(error).body });
        throw error;
      }
      const other = await IdempotencyRepository.find(this.db, command).catch(() => null);
      if (other) return this.answerAs(command, other);
      throw error;
    } finally {
      context.state = 'closed';
    }
  }

  private async answerAs(command: IdempotentCommand, found: StoredKey): Promise<unknown> {
    if (found.requestHash !== command.requestHash) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was already used for a different request (another body or path)',
        { idempotencyKey: command.key },
      );
    }
    let current = found;
    const deadline = Date.now() + this.waitMs;
    while (!current.stored && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
      current = (await IdempotencyRepository.find(this.db, command)) ?? current;
    }
    const stored = current.stored;
    if (!stored) throw this.notAnswered(command, current);
    if (stored.outcome === 'error') {
      throw new DomainError(stored.error.code, stored.error.message, stored.error.details);
    }
    return stored.value;
  }

  private notAnswered(command: IdempotentCommand, found: StoredKey): DomainError {
    const lost = Date.now() - found.createdAt.getTime() > this.lostAfterMs;
    return new DomainError(
      ErrorCode.IDEMPOTENCY_KEY_IN_USE,
      lost
        ? 'The request with this Idempotency-Key was applied, but its reply was not recorded (the service stopped before answering); it will not be applied again, so read the resource to see the outcome'
        : 'The first request with this Idempotency-Key is still being processed; retry in a few seconds with the same key to get its result',
      { idempotencyKey: command.key, state: lost ? 'reply_lost' : 'in_progress' },
    );
  }

  private async record(command: IdempotentCommand, outcome: StoredOutcome): Promise<void> {
    try {
      await IdempotencyRepository.complete(this.db, command, outcome);
    } catch (error) {
      // The change is committed and the caller gets its reply; only a retry's answer is lost.
      this.logger.warn(
        `Could not record the reply of ${command.operation} for Idempotency-Key ${command.key}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
}

function subjectOf(context: unknown): string | undefined {
  if (
    context &&
    typeof context === 'object' &&
    'getSubject' in context &&
    typeof context.getSubject === 'function'
  ) {
    return String(context.getSubject());
  }
  return undefined;
}
