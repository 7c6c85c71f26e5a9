import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateNatsServer, type PrivateNatsServer } from '@gongkai/testing';

export interface FaultsNats {
  server: PrivateNatsServer;
  version: string;
  /** How JetStream writes reach the disk in this run, for the report. */
  syncSetting: string;
}

const NATS_SERVER_BIN = process.env['NATS_SERVER_BIN'] ?? 'nats-server';

function versionOf(): string {
  const line = execFileSync(NATS_SERVER_BIN, ['--version'], { encoding: 'utf8' }).trim();
  return line.replace(/^nats-server:\s*v?/, '');
}

function atLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

/**
 * The suite's own nats-server (own port and store). From 2.10 on it runs with
 * `jetstream { sync_interval: always }`, as tools/docker/nats.conf does: every write is fsynced
 * before the publish is acknowledged. 2.9 has no such setting; its file store still write()s each
 * message to the OS before the ack (AsyncFlush is off for streams), so killing the server loses
 * nothing acknowledged; only an OS crash within the 2-minute sync interval could.
 */
export async function startFaultsNats(): Promise<FaultsNats> {
  const version = versionOf();
  if (atLeast(version, 2, 10)) {
    const config = join(mkdtempSync(join(tmpdir(), 'gongkai-faults-nats-conf-')), 'nats.conf');
    writeFileSync(config, 'jetstream {\n  sync_interval: always\n}\n');
    const server = await startPrivateNatsServer({ extraArgs: ['-c', config] });
    return { server, version, syncSetting: 'sync_interval: always (fsync before every ack)' };
  }
  const server = await startPrivateNatsServer();
  return {
    server,
    version,
    syncSetting: 'default (2.9 has no sync_interval: write() before every ack, fsync every 2 min)',
  };
}
