import { Injectable } from '@nestjs/common';

/**
 * Where a service reads the time: a command's timestamps, its business time and "today" in
 * Beijing come from here, so a test can stand one still (`{ provide: Clock, useValue: { now: () => at } }`,
 * or `jest.spyOn(app.get(Clock), 'now')`) instead of racing the real one.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
