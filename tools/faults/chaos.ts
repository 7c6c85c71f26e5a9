import type { ServiceName } from '@gongkai/contracts';
import type { PrivateNatsServer } from '@gongkai/testing';
import { ALL_APPS, type Apps } from './apps';

export interface ChaosOptions {
  apps: Apps;
  /** The apps that answer right now (the gateway's /readyz, per service); empty when the gateway is down. */
  readyApps: () => Promise<ReadonlySet<ServiceName>>;
  /** Apps still short of their kill target: picked first. */
  short: (app: ServiceName) => boolean;
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
 * SIGKILLs, at random times, a random app that is up and answering (or now and then the broker);
 * the supervisor starts apps again, the loop starts the broker again itself. Only an app that
 * answers is killed, so each kill lands on a working app under load, not on one still booting; the
 * others keep working meanwhile (on a busy machine an app takes many seconds to boot: waiting for
 * the whole system between kills would leave most of the time without any). Apps short of their
 * kill target go first. The kill hooks fire on their own meanwhile, whenever their moment comes.
 */
export async function runChaos(options: ChaosOptions, tally: ChaosTally): Promise<void> {
  const [low, high] = options.intervalMs;
  while (!options.shouldStop()) {
    await sleep(low + Math.random() * (high - low));
    if (options.shouldStop()) break;
    if (Math.random() < options.brokerShare) {
      await options.nats.stop('SIGKILL');
      tally.brokerRestarts += 1;
      await sleep(options.brokerDownMs);
      await options.nats.start();
      continue;
    }
    const ready = await options.readyApps().catch(() => new Set<ServiceName>());
    const answering = ALL_APPS.filter((app) => ready.has(app) && options.apps.isUp(app));
    const short = answering.filter((app) => options.short(app));
    const pool = short.length > 0 ? short : answering;
    if (pool.length > 0) options.apps.kill(pick(pool));
  }
}
