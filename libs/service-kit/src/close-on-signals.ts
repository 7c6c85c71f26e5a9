import type { INestMicroservice } from '@nestjs/common';

/**
 * Closes the service on SIGTERM / SIGINT the way `app.close()` does, which (unlike Nest's
 * `enableShutdownHooks()`, whose signal path runs the module hooks first) stops the NATS server
 * first: no new requests, the ones in flight answered and flushed; then messaging stops and the
 * database disconnects. Then the process exits with code 0. Closing the app by other means
 * removes the listeners, so in-process tests do not pile them up.
 */
export function closeOnSignals(
  app: INestMicroservice,
  signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): void {
  const remove = () => signals.forEach((signal) => process.removeListener(signal, onSignal));
  function onSignal(): void {
    remove();
    app.close().then(
      // Not process.kill(pid, signal): Node may still be catching the signal and the process
      // would then linger until its last timer; everything is closed and flushed by now.
      () => process.exit(0),
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
