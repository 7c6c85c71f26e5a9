import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES } from '@gongkai/contracts';
import { busPermissionsOf } from './bus-permissions';
import { renderNatsAuthorization } from './nats-server-config';

const USERS_FILE = join(__dirname, '..', '..', '..', '..', 'tools', 'docker', 'nats-users.conf');
const HEADER = [
  '# Generated from libs/messaging/src/bus/bus-permissions.ts (its spec keeps this file equal;',
  '# UPDATE_NATS_USERS=1 rewrites it). One NATS user per app; each password comes from the',
  "# nats-server's environment (<APP>_NATS_PASSWORD, see docker-compose.yml). Do not edit by hand.",
  '',
].join('\n');

describe('the NATS users file', () => {
  it('tools/docker/nats-users.conf is exactly what the bus permissions generate', () => {
    const generated = HEADER + renderNatsAuthorization({ prefix: '', passwords: 'variables' });
    if (process.env['UPDATE_NATS_USERS'] === '1') writeFileSync(USERS_FILE, generated);
    expect(readFileSync(USERS_FILE, 'utf8')).toBe(generated);
  });

  it('names one user per app, with its password from the environment', () => {
    const rendered = renderNatsAuthorization({ prefix: '', passwords: 'variables' });
    for (const service of SERVICE_NAMES) {
      expect(rendered).toContain(
        `user: "${service}"\n      password: $${service.toUpperCase()}_NATS_PASSWORD`,
      );
    }
  });
});

describe('bus permissions', () => {
  it('lets only the gateway publish request subjects of other services', () => {
    expect(busPermissionsOf('gateway', '').publish.allow).toEqual(
      expect.arrayContaining(['permissions.>', 'catalogue.>', 'rounds.>', 'complaints.>', 'reports.>']),
    );
    const rounds = busPermissionsOf('rounds', '').publish.allow;
    expect(rounds).not.toContain('catalogue.>');
    expect(rounds).toEqual(
      expect.arrayContaining(['catalogue.publications.get', 'permissions.decisions.check']),
    );
    expect(rounds.filter((subject) => /^(permissions|catalogue|complaints|reports)\./.test(subject))).toEqual(
      ['permissions.decisions.check', 'catalogue.publications.get'],
    );
  });

  it('lets a service publish only its own events, and the gateway none', () => {
    for (const service of SERVICE_NAMES) {
      const events = busPermissionsOf(service, '').publish.allow.filter((subject) =>
        subject.startsWith('evt.'),
      );
      expect(events).toEqual(service === 'gateway' || service === 'reports' ? [] : [`evt.${service}.>`]);
    }
  });

  it('lets a service answer only its own subjects and read only its own inbox', () => {
    expect(busPermissionsOf('catalogue', 't1').subscribe.allow.sort()).toEqual(
      ['_INBOX.catalogue.>', 't1.catalogue.>'].sort(),
    );
    expect(busPermissionsOf('gateway', 't1').subscribe.allow).toEqual(['_INBOX.gateway.>']);
  });

  it('prefixes subjects and streams for a side-by-side install', () => {
    const reports = busPermissionsOf('reports', 't1').publish.allow;
    expect(reports).toContain('$JS.API.CONSUMER.MSG.NEXT.T1_ROUNDS.>');
    expect(reports).toContain('$JS.ACK.T1_COMPLAINTS.>');
    expect(reports).not.toContain('$JS.API.STREAM.CREATE.T1_ROUNDS');
    expect(busPermissionsOf('rounds', 't1').publish.allow).toContain('$JS.API.STREAM.CREATE.T1_ROUNDS');
  });
});
