import { Injectable } from '@nestjs/common';
import type { ApiClient, ApiClientStatus, ListApiClients, Page, Role } from '@gongkai/contracts';
import { PrismaService, type PermissionsTx } from '../prisma.service';
import type { ApiClient as ApiClientRow } from '../../generated/prisma/client';

/** Never carries the secret hash out of this file. */
export function toApiClient(row: ApiClientRow): ApiClient {
  return {
    id: row.id,
    name: row.name,
    status: row.status as ApiClientStatus,
    mayActForPersons: row.mayActForPersons,
    actForRoles: row.actForRoles as Role[],
    mayBackdate: row.mayBackdate,
    secretHint: row.secretHint,
    createdAt: row.createdAt.toISOString(),
    rotatedAt: row.rotatedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The only place that touches the ApiClient model. */
@Injectable()
export class ApiClientsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(id: string): Promise<ApiClient | null> {
    const row = await this.prisma.apiClient.findUnique({ where: { id } });
    return row ? toApiClient(row) : null;
  }

  async findById(tx: PermissionsTx, id: string): Promise<ApiClient | null> {
    const row = await tx.apiClient.findUnique({ where: { id } });
    return row ? toApiClient(row) : null;
  }

  /** The client and its secret hash, for authentication only. */
  async credentialsOf(id: string): Promise<{ client: ApiClient; secretHash: string } | null> {
    const row = await this.prisma.apiClient.findUnique({ where: { id } });
    return row ? { client: toApiClient(row), secretHash: row.secretHash } : null;
  }

  /**
   * Rewrites a legacy scrypt hash as its HMAC form, only if the stored hash is still the one that
   * was verified (a rotation in between wins). Storage only: the key, and so no event, changes.
   */
  async upgradeSecretHash(id: string, verifiedHash: string, upgradedHash: string): Promise<boolean> {
    const { count } = await this.prisma.apiClient.updateMany({
      where: { id, secretHash: verifiedHash },
      data: { secretHash: upgradedHash },
    });
    return count === 1;
  }

  async lock(tx: PermissionsTx, id: string): Promise<ApiClient | null> {
    await tx.$queryRawUnsafe(`SELECT "id" FROM "api_client" WHERE "id" = $1::uuid FOR UPDATE`, id);
    return this.findById(tx, id);
  }

  async insert(
    tx: PermissionsTx,
    input: {
      id: string;
      name: string;
      secretHash: string;
      secretHint: string;
      mayActForPersons: boolean;
      actForRoles: readonly Role[];
      mayBackdate: boolean;
      createdAt: Date;
    },
  ): Promise<ApiClient> {
    return toApiClient(
      await tx.apiClient.create({
        data: { ...input, actForRoles: [...input.actForRoles], status: 'active' },
      }),
    );
  }

  async update(
    tx: PermissionsTx,
    id: string,
    data: Partial<{
      secretHash: string;
      secretHint: string;
      rotatedAt: Date;
      status: ApiClientStatus;
      revokedAt: Date;
    }>,
  ): Promise<ApiClient> {
    return toApiClient(await tx.apiClient.update({ where: { id }, data }));
  }

  async list(query: ListApiClients): Promise<Page<ApiClient>> {
    const rows = await this.prisma.apiClient.findMany({
      where: {
        ...(query.cursor ? { id: { gt: query.cursor } } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map(toApiClient);
    return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
  }
}
