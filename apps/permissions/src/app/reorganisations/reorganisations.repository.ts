import { Injectable } from '@nestjs/common';
import type {
  Actor,
  ListReorganisations,
  Page,
  Reorganisation,
  ReorganisationDetails,
  ReorganisationKind,
} from '@gongkai/contracts';
import { PrismaService, type PermissionsTx } from '../prisma.service';
import type { Prisma, Reorganisation as ReorganisationRow } from '../../generated/prisma/client';

export function toReorganisation(row: ReorganisationRow): Reorganisation {
  return {
    id: row.id,
    kind: row.kind as ReorganisationKind,
    effectiveDate: row.effectiveDate.toISOString().slice(0, 10),
    reason: row.reason,
    details: row.details as ReorganisationDetails,
    actor: row.actor as Actor,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The only place that touches the Reorganisation model. */
@Injectable()
export class ReorganisationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(
    tx: PermissionsTx,
    input: {
      id: string;
      kind: ReorganisationKind;
      effectiveDate: string;
      reason: string;
      details: ReorganisationDetails;
      actor: Actor;
      createdAt: Date;
    },
  ): Promise<Reorganisation> {
    const row = await tx.reorganisation.create({
      data: {
        ...input,
        // A DATE column: midnight UTC of the calendar day stores exactly that day.
        effectiveDate: new Date(`${input.effectiveDate}T00:00:00Z`),
        details: input.details as unknown as Prisma.InputJsonValue,
        actor: input.actor as Prisma.InputJsonValue,
      },
    });
    return toReorganisation(row);
  }

  async list(query: ListReorganisations): Promise<Page<Reorganisation>> {
    const matching = query.departmentId
      ? (
          await this.prisma.$queryRawUnsafe<{ id: string }[]>(
            `SELECT "id"::text AS "id" FROM "reorganisation"
              WHERE "details"->'departments' @> $1::jsonb`,
            JSON.stringify([{ departmentId: query.departmentId }]),
          )
        ).map((row) => row.id)
      : null;
    const rows = await this.prisma.reorganisation.findMany({
      where: {
        ...(query.cursor ? { id: { gt: query.cursor } } : {}),
        ...(matching ? { id: { in: matching, ...(query.cursor ? { gt: query.cursor } : {}) } } : {}),
      },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map(toReorganisation);
    return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
  }
}
