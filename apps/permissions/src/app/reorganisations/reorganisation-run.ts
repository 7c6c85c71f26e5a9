import { v7 as uuidv7 } from 'uuid';
import {
  DomainError,
  PermissionsErrorReasons,
  type Department,
  type EndedBindingRef,
  type MovedBinding,
  type MovedPerson,
  type ReorganisationDetails,
  type ReorganisationKind,
} from '@gongkai/contracts';
import { toDepartmentState } from '../departments/departments.repository';
import { beijingToday, startOfBeijingDay } from './effective-date';

/** What one reorganisation has done so far; becomes its details, its event and its reply. */
export class ReorganisationRun {
  readonly id = uuidv7();
  readonly touched = new Map<string, Department>();
  readonly movedPeople: MovedPerson[] = [];
  readonly movedBindings: MovedBinding[] = [];
  readonly endedBindings: EndedBindingRef[] = [];
  readonly movedRequestIds: string[] = [];
  readonly reparentedDepartmentIds: string[] = [];
  /** subject|role|department of every binding granted here, so moving A and B into C grants once. */
  readonly granted = new Set<string>();

  constructor(
    readonly kind: ReorganisationKind,
    readonly effectiveDate: string,
    readonly effectiveFrom: Date,
    readonly reason: string,
  ) {}

  /**
   * A reorganisation is recorded on or after the day it takes effect (a Beijing calendar date);
   * it takes effect from that day's midnight in Beijing.
   */
  static start(
    now: Date,
    kind: ReorganisationKind,
    body: { effectiveDate: string; reason: string },
  ): ReorganisationRun {
    if (body.effectiveDate > beijingToday(now)) {
      throw DomainError.because(
        PermissionsErrorReasons.EFFECTIVE_DATE_IN_FUTURE,
        `effectiveDate ${body.effectiveDate} lies in the future; record the reorganisation on or after the day it takes effect`,
        { effectiveDate: body.effectiveDate, today: beijingToday(now) },
      );
    }
    return new ReorganisationRun(
      kind,
      body.effectiveDate,
      startOfBeijingDay(body.effectiveDate),
      body.reason,
    );
  }

  touch(department: Department): Department {
    this.touched.set(department.id, department);
    return department;
  }

  /** How a department revision written by this reorganisation is dated and attributed. */
  revision(): { effectiveFrom: Date; reorganisationId: string } {
    return { effectiveFrom: this.effectiveFrom, reorganisationId: this.id };
  }

  details(): ReorganisationDetails {
    return {
      departments: [...this.touched.values()].map(toDepartmentState),
      movedPeople: this.movedPeople,
      movedBindings: this.movedBindings,
      endedBindings: this.endedBindings,
      movedRequestIds: this.movedRequestIds,
      reparentedDepartmentIds: this.reparentedDepartmentIds,
    };
  }

  eventBase() {
    const details = this.details();
    return {
      reorganisationId: this.id,
      effectiveDate: this.effectiveDate,
      reason: this.reason,
      affectedDepartmentIds: [...this.touched.keys()],
      departments: details.departments,
      movedPeople: details.movedPeople,
      movedBindings: details.movedBindings,
      endedBindings: details.endedBindings,
    };
  }
}
