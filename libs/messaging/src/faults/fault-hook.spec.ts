import type * as FaultHook from './fault-hook';

/** Loads the module afresh with these variables (it reads them once, when loaded). */
function loadWith(env: Record<string, string | undefined>): typeof FaultHook {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
  try {
    let loaded: typeof FaultHook | undefined;
    jest.isolateModules(() => {
      loaded = jest.requireActual<typeof FaultHook>('./fault-hook');
    });
    return loaded as typeof FaultHook;
  } finally {
    process.env = saved;
  }
}

describe('faultPoint', () => {
  let kill: jest.SpyInstance;
  let write: jest.SpyInstance;
  beforeEach(() => {
    kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
    write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it('does nothing unless GONGKAI_FAULT_HOOK names the point', () => {
    loadWith({ GONGKAI_FAULT_HOOK: undefined, GONGKAI_FAULT_PROBABILITY: '1' }).faultPoint(
      'relay.after-publish',
    );
    loadWith({ GONGKAI_FAULT_HOOK: 'consumer.after-commit', GONGKAI_FAULT_PROBABILITY: '1' }).faultPoint(
      'relay.after-publish',
    );
    expect(kill).not.toHaveBeenCalled();
  });

  it('SIGKILLs its own process at an armed point, after saying where', () => {
    const hook = loadWith({
      GONGKAI_FAULT_HOOK: 'producer.before-commit, relay.after-publish',
      GONGKAI_FAULT_PROBABILITY: '1',
    });
    hook.faultPoint('relay.after-publish');
    expect(write).toHaveBeenCalledWith(`${hook.FAULT_HOOK_MARK} relay.after-publish\n`);
    expect(kill).toHaveBeenCalledWith(process.pid, 'SIGKILL');
  });

  it('fires with the configured probability', () => {
    const hook = loadWith({ GONGKAI_FAULT_HOOK: 'consumer.before-commit', GONGKAI_FAULT_PROBABILITY: '0' });
    for (let i = 0; i < 100; i++) hook.faultPoint('consumer.before-commit');
    expect(kill).not.toHaveBeenCalled();
  });
});
