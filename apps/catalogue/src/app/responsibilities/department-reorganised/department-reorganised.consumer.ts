import { Injectable } from '@nestjs/common';
import {
  DepartmentDissolvedV1,
  DepartmentMergedV1,
  DepartmentRenamedV1,
  DepartmentSplitV1,
} from '@gongkai/contracts';
import { on, type EventConsumer } from '@gongkai/messaging';
import type { CatalogueTx } from '../../prisma.service';
import { DepartmentReorganisedUseCase } from './department-reorganised.use-case';

/**
 * permissions' merges, dissolutions, renames and splits, applied to responsibilities. The inbox
 * makes a redelivery a no-op.
 */
@Injectable()
export class DepartmentReorganisedConsumer implements EventConsumer<CatalogueTx> {
  readonly name = 'responsibility-reorganisation';
  readonly source = 'permissions' as const;
  readonly filter = 'evt.permissions.department.>';
  readonly handlers = [
    on(DepartmentMergedV1, (event, envelope, tx: CatalogueTx) =>
      this.departmentReorganised.execute(tx, { reorganisation: { kind: 'merged', event }, envelope }),
    ),
    on(DepartmentDissolvedV1, (event, envelope, tx: CatalogueTx) =>
      this.departmentReorganised.execute(tx, { reorganisation: { kind: 'dissolved', event }, envelope }),
    ),
    on(DepartmentRenamedV1, (event, envelope, tx: CatalogueTx) =>
      this.departmentReorganised.execute(tx, { reorganisation: { kind: 'renamed', event }, envelope }),
    ),
    on(DepartmentSplitV1, (event, envelope, tx: CatalogueTx) =>
      this.departmentReorganised.execute(tx, { reorganisation: { kind: 'split', event }, envelope }),
    ),
  ];

  constructor(private readonly departmentReorganised: DepartmentReorganisedUseCase) {}
}
