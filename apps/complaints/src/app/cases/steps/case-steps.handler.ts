import { Controller } from '@nestjs/common';
import {
  CaseStepRpc,
  CorrectionReceivedRpc,
  RequestCorrectionRpc,
  ReturnDispatchRpc,
  ThirdPartyRpc,
  type Case,
} from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CaseStepsUseCase } from './case-steps.use-case';

type Step = keyof typeof CaseStepRpc;
type StepCall<S extends Step> = RpcRequest<(typeof CaseStepRpc)[S]>;

/**
 * Transport only, one method per step subject (complaints.cases.<step>): each hands its validated
 * body to the one use case that runs case steps. Steps whose department only the case knows
 * (`departmentFrom: 'service'` at the gateway) are marked @DecidesPermission: the use case decides. The steps share their shape (lock the case,
 * decide, apply the step's rule, write, emit), so one class answers them.
 */
@Controller()
export class CaseStepsHandler {
  constructor(private readonly caseSteps: CaseStepsUseCase) {}

  private run<S extends Step>(step: S, { meta, body }: StepCall<S>): Promise<Case> {
    return this.caseSteps.execute(step, meta, body.caseId, body.body as Record<string, unknown>);
  }

  @RpcHandler(CaseStepRpc.dispatch)
  dispatch(call: StepCall<'dispatch'>) {
    return this.run('dispatch', call);
  }
  @DecidesPermission()
  @RpcHandler(CaseStepRpc.accept)
  accept(call: StepCall<'accept'>) {
    return this.run('accept', call);
  }
  @DecidesPermission()
  @RpcHandler(ReturnDispatchRpc)
  returnDispatch(call: StepCall<'return-dispatch'>) {
    return this.run('return-dispatch', call);
  }
  @DecidesPermission()
  @RpcHandler(CaseStepRpc.contact)
  contact(call: StepCall<'contact'>) {
    return this.run('contact', call);
  }
  @DecidesPermission()
  @RpcHandler(CaseStepRpc.notes)
  notes(call: StepCall<'notes'>) {
    return this.run('notes', call);
  }
  @DecidesPermission()
  @RpcHandler(CaseStepRpc.reply)
  reply(call: StepCall<'reply'>) {
    return this.run('reply', call);
  }
  @RpcHandler(CaseStepRpc.callback)
  callback(call: StepCall<'callback'>) {
    return this.run('callback', call);
  }
  @RpcHandler(CaseStepRpc.urge)
  urge(call: StepCall<'urge'>) {
    return this.run('urge', call);
  }
  @RpcHandler(CaseStepRpc.supervise)
  supervise(call: StepCall<'supervise'>) {
    return this.run('supervise', call);
  }
  @RpcHandler(CaseStepRpc.reopen)
  reopen(call: StepCall<'reopen'>) {
    return this.run('reopen', call);
  }
  @RpcHandler(CaseStepRpc.close)
  close(call: StepCall<'close'>) {
    return this.run('close', call);
  }
  @RpcHandler(CaseStepRpc.extend)
  extend(call: StepCall<'extend'>) {
    return this.run('extend', call);
  }
  @DecidesPermission()
  @RpcHandler(CaseStepRpc.register)
  register(call: StepCall<'register'>) {
    return this.run('register', call);
  }
  @DecidesPermission()
  @RpcHandler(RequestCorrectionRpc)
  requestCorrection(call: StepCall<'request-correction'>) {
    return this.run('request-correction', call);
  }
  @DecidesPermission()
  @RpcHandler(CorrectionReceivedRpc)
  correctionReceived(call: StepCall<'correction-received'>) {
    return this.run('correction-received', call);
  }
  @DecidesPermission()
  @RpcHandler(ThirdPartyRpc)
  thirdParty(call: StepCall<'third-party'>) {
    return this.run('third-party', call);
  }
  @DecidesPermission()
  @RpcHandler(CaseStepRpc.decide)
  decide(call: StepCall<'decide'>) {
    return this.run('decide', call);
  }
  @DecidesPermission()
  @RpcHandler(CaseStepRpc.investigate)
  investigate(call: StepCall<'investigate'>) {
    return this.run('investigate', call);
  }
  @DecidesPermission()
  @RpcHandler(CaseStepRpc.conclude)
  conclude(call: StepCall<'conclude'>) {
    return this.run('conclude', call);
  }
}
