import { Injectable } from '@nestjs/common';

/**
 * Where every "now" of the service comes from (today's date for overdue, the reminder pass, the
 * time of a command without `occurredAt`), so a test can run the service at a date it chooses.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
