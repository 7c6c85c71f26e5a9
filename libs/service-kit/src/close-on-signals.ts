import type { INestMicroservice } from '@nestjs/common';

/**
 * Closes the service on SIGTERM / SIGINT the way `app.close()` does, which (unlike Nest's
 * `enableShutdownHooks()`, whose signal path runs the module hooks first) stops the NATS server
 * first: no new requests, the ones in flight answered and flushed; then messaging stops and the
 * database disconnects. Then the process ends by the same signal. Closing the app by other means
 * removes the listeners, so in-process tests do not pile them up.
 */
export function closeOnSignals(
  app: INestMicroservice,
  signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): void {
  const remove = () => signals.forEach((signal) => process.removeListener(signal, onSignal));
  function onSignal(signal: NodeJS.Signals): void {
    remove();
    app.close().then(
      () => process.kill(process.pid, signal),
      (error: unknown) => {
        console.error(`Error while shutting down: ${error instanceof Error ? error.stack : String(error)}`);
        process.exit(1);
      },
    );
  }
  signals.forEach((signal) => process.once(signal, onSignal));
  const close = app.close.bind(app);
  app.close = async () => {
    remove();
    await close();
  };
}
