import { defineRpc, type RpcDefinition } from '@gongkai/contracts';
import { z } from 'zod';

/**
 * The same subject and reply with a body of any shape, for tests that send what the definition's
 * types would refuse, to prove the service refuses it too.
 */
export function withAnyBody<TDefinition extends RpcDefinition>(
  definition: TDefinition,
): RpcDefinition<z.ZodUnknown, TDefinition['reply'], TDefinition['subject']> {
  return defineRpc({ subject: definition.subject, request: z.unknown(), reply: definition.reply });
}
