import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  BindingEndedV1,
  BindingGrantedV1,
  type BindingEndReason,
  type BindingOrigin,
  type RoleBinding,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';
import { BindingsRepository } from './bindings.repository';
import type { GrantInput, GrantWindow } from './grant-rules';

export interface EndOptions {
  endReason: BindingEndReason;
  reason: string;
  identityChangeId?: string | null;
  reorganisationId?: string | null;
  /** When it stopped being in force; now unless it ran out earlier (expiry: its validTo). */
  endedAt?: Date;
}

/**
 * Grants and ends role bindings: the one place that does, so every grant and end is emitted
 * (binding.granted / binding.ended, once) and audited with the subject's effective permissions
 * before and after. Grants are validated first by GrantCheck.
 */
@Injectable()
export class BindingWriter {
  constructor(private readonly bindingsRepository: BindingsRepository) {}

  /** Grants a binding whose input was validated (GrantCheck) by the caller. */
  async grant(
    tx: PermissionsTx,
    operation: Operation,
    input: GrantInput &
      GrantWindow & {
        origin: BindingOrigin;
        reason: string;
        requestId?: string | null;
        reorganisationId?: string | null;
      },
  ): Promise<RoleBinding> {
    const before = await this.bindingsRepository.effectivePermissionsOf(
      tx,
      input.subjectType,
      input.subjectId,
      operation.now,
    );
    const binding = await this.bindingsRepository.insert(tx, {
      id: uuidv7(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      role: input.role,
      departmentId: input.departmentId,
      validFrom: input.validFrom,
      validTo: input.validTo,
      grantedBy: operation.actor,
      requestId: input.requestId ?? null,
      startAnnouncedAt: input.validFrom <= operation.now ? operation.now : null,
      createdAt: operation.now,
    });
    await emitEvent(
      tx,
      BindingGrantedV1,
      {
        bindingId: binding.id,
        subjectType: binding.subjectType,
        subjectId: binding.subjectId,
        role: binding.role,
        departmentId: binding.departmentId,
        validFrom: binding.validFrom,
        validTo: binding.validTo,
        origin: input.origin,
        requestId: binding.requestId,
        reorganisationId: input.reorganisationId ?? null,
      },
      operation.events(),
    );
    operation.audit({
      action: 'binding.granted',
      subjectType: binding.subjectType,
      subjectId: binding.subjectId,
      reason: input.reason,
      before,
      after: await this.bindingsRepository.effectivePermissionsOf(
        tx,
        input.subjectType,
        input.subjectId,
        operation.now,
      ),
      details: { binding, origin: input.origin, reorganisationId: input.reorganisationId ?? null },
    });
    return binding;
  }

  /** Ends the binding once: null (and nothing emitted) when it had already ended. */
  async end(
    tx: PermissionsTx,
    operation: Operation,
    binding: RoleBinding,
    options: EndOptions,
  ): Promise<RoleBinding | null> {
    const before = await this.bindingsRepository.effectivePermissionsOf(
      tx,
      binding.subjectType,
      binding.subjectId,
      operation.now,
    );
    const ended = await this.bindingsRepository.end(tx, binding.id, {
      endedAt: options.endedAt ?? operation.now,
      endReason: options.endReason,
    });
    if (!ended) return null;
    await emitEvent(
      tx,
      BindingEndedV1,
      {
        bindingId: ended.id,
        subjectType: ended.subjectType,
        subjectId: ended.subjectId,
        role: ended.role,
        departmentId: ended.departmentId,
        validFrom: ended.validFrom,
        validTo: ended.validTo,
        endedAt: ended.endedAt ?? operation.now.toISOString(),
        endReason: options.endReason,
        identityChangeId: options.identityChangeId ?? null,
        reorganisationId: options.reorganisationId ?? null,
      },
      operation.events(),
    );
    operation.audit({
      action: 'binding.ended',
      subjectType: ended.subjectType,
      subjectId: ended.subjectId,
      reason: options.reason,
      before,
      after: await this.bindingsRepository.effectivePermissionsOf(
        tx,
        ended.subjectType,
        ended.subjectId,
        operation.now,
      ),
      details: {
        binding: ended,
        endReason: options.endReason,
        identityChangeId: options.identityChangeId ?? null,
        reorganisationId: options.reorganisationId ?? null,
      },
    });
    return ended;
  }
}
