import { Injectable, Logger } from '@nestjs/common';
import {
  DATA_SERVICES,
  DomainError,
  ErrorCode,
  deadLetterRpcOf,
  type AllDeadLetters,
  type DataServiceName,
  type DeadLetterServiceReport,
  type DeadLetterView,
  type ListDeadLetters,
  type OpsListDeadLettersQuery,
  type Page,
  type RequestMeta,
  type ServiceDeadLetterView,
} from '@gongkai/contracts';
import { RemoteCallError, ServiceClient } from '@gongkai/messaging';
import { GatewayError } from '../../errors/gateway.error';
import type { DeadLetterPath } from './dead-letter-path.pipe';

/** Fronts `<service>.dead-letters.list|replay` of the data services for the ops team. */
@Injectable()
export class OpsDeadLettersService {
  private readonly logger = new Logger(OpsDeadLettersService.name);

  constructor(private readonly serviceClient: ServiceClient) {}

  list(
    query: OpsListDeadLettersQuery,
    meta: RequestMeta,
  ): Promise<Page<ServiceDeadLetterView> | AllDeadLetters> {
    const { service, status, limit, cursor } = query;
    if (service) return this.listOne(service, { status, limit, cursor }, meta);
    if (cursor !== undefined) {
      // Cursors are positions in one service's table; across services they mean nothing.
      throw new GatewayError(
        ErrorCode.VALIDATION_FAILED,
        "`cursor` needs `service`: a cursor pages through one service's dead letters. " +
          'Add the `service` the cursor came from, or drop `cursor` to list every service.',
        {
          errors: [
            {
              in: 'query',
              pointer: '/cursor',
              code: 'cursor_without_service',
              message: 'Only allowed with `service`',
            },
          ],
        },
      );
    }
    return this.listAll({ status, limit }, meta);
  }

  async replay({ service, id }: DeadLetterPath, meta: RequestMeta): Promise<ServiceDeadLetterView> {
    const letter = await this.serviceClient.request(deadLetterRpcOf(service).replay, { id }, meta);
    return { ...letter, service };
  }

  private async listOne(
    service: DataServiceName,
    query: ListDeadLetters,
    meta: RequestMeta,
  ): Promise<Page<ServiceDeadLetterView>> {
    const page = await this.requestPage(service, query, meta);
    return { items: page.items.map((letter) => ({ ...letter, service })), nextCursor: page.nextCursor };
  }

  /** One service down must not hide the others' dead letters: each answers or is reported. */
  private async listAll(query: Omit<ListDeadLetters, 'cursor'>, meta: RequestMeta): Promise<AllDeadLetters> {
    const outcomes = await Promise.allSettled(
      DATA_SERVICES.map((service) => this.requestPage(service, query, meta)),
    );
    const items: ServiceDeadLetterView[] = [];
    const services = {} as Record<DataServiceName, DeadLetterServiceReport>;
    outcomes.forEach((outcome, index) => {
      const service = DATA_SERVICES[index] as DataServiceName;
      if (outcome.status === 'rejected') {
        services[service] = { error: describeFailure(service, outcome.reason) };
        this.logger.warn(
          `Listing dead letters of ${service} failed: ${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}`,
        );
        return;
      }
      const page = outcome.value;
      items.push(...page.items.map((letter) => ({ ...letter, service })));
      services[service] = {
        parked: page.items.filter((letter) => letter.status === 'parked').length,
        replayed: page.items.filter((letter) => letter.status === 'replayed').length,
        more: page.nextCursor !== null,
      };
    });
    items.sort(newestFailureFirst);
    return { items: items.slice(0, query.limit), nextCursor: null, services };
  }

  private async requestPage(
    service: DataServiceName,
    query: Partial<ListDeadLetters>,
    meta: RequestMeta,
  ): Promise<Page<DeadLetterView>> {
    const list = deadLetterRpcOf(service).list;
    // Checked in production too: one service's odd reply must not break the merged list.
    const reply: unknown = await this.serviceClient.request(list, withoutUndefined(query), meta);
    const page = list.reply.safeParse(reply);
    if (!page.success) {
      throw new DomainError(
        ErrorCode.INTERNAL,
        `The ${service} service answered ${list.subject} with an unexpected shape`,
      );
    }
    return page.data;
  }
}

/** `<code>: message`; like the problem mapper, never a service's internal failure message. */
function describeFailure(service: DataServiceName, reason: unknown): string {
  const body =
    reason instanceof RemoteCallError
      ? reason.body
      : reason instanceof DomainError
        ? reason.toBody()
        : undefined;
  if (!body || body.code === ErrorCode.INTERNAL) {
    return `${ErrorCode.INTERNAL}: The ${service} service failed to list its dead letters`;
  }
  return `${body.code}: ${body.message}`;
}

/** Newest `failedAt` first; ties by id (UUIDv7, so later first) to keep the order stable. */
function newestFailureFirst(a: ServiceDeadLetterView, b: ServiceDeadLetterView): number {
  return Date.parse(b.failedAt) - Date.parse(a.failedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
