import { Injectable } from '@nestjs/common';

/** The service's notion of "now"; tests replace it to run the periodic pass "at" a time without sleeping. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
