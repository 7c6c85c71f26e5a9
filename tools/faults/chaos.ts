import type { ServiceName } from '@gongkai/contracts';
import type { PrivateNatsServer } from '@gongkai/testing';
import { ALL_APPS, type Apps } from './apps';

export interface ChaosOptions {
  apps: Apps;
  /** Resolves once the whole system answers again (the gateway's /readyz = 200). */
  ready: () => Promise<void>;
  nats: PrivateNatsServer;
  /** Pause between two kills, drawn evenly from this range (ms). */
  intervalMs: [number, number];
  /** Of the kills, this share restarts the broker instead of an app. */
  brokerShare: number;
  /** How long the broker stays down (ms). */
  brokerDownMs: number;
  shouldStop: () => boolean;
}

export interface ChaosTally {
  brokerRestarts: number;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SIGKILLs a random app (or the broker) at a random time after the system last became ready;
 * the supervisor starts apps again, the loop starts the broker again itself. Waiting for
 * readiness first makes each kill land on a working system under load (on a busy machine an app
 * takes many seconds to boot; killing on a fixed clock would mostly hit apps still booting).
 * The kill hooks fire on their own meanwhile, whenever their moment comes.
 */
export async function runChaos(options: ChaosOptions, tally: ChaosTally): Promise<void> {
  const [low, high] = options.intervalMs;
  while (!options.shouldStop()) {
    await options.ready().catch(() => undefined);
    await sleep(low + Math.random() * (high - low));
    if (options.shouldStop()) break;
    if (Math.random() < options.brokerShare) {
      await options.nats.stop('SIGKILL');
      tally.brokerRestarts += 1;
      await sleep(options.brokerDownMs);
      await options.nats.start();
      continue;
    }
    const up = ALL_APPS.filter((app: ServiceName) => options.apps.isUp(app));
    if (up.length > 0) options.apps.kill(pick(up));
  }
}
