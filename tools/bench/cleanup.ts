/**
 * Undo steps (drop the run's databases, delete its streams, stop the apps) registered as each
 * resource is created, run in reverse order when a bench ends, fails, or is interrupted.
 */
const steps: { what: string; undo: () => Promise<unknown> }[] = [];

export function onCleanup(what: string, undo: () => Promise<unknown>): void {
  steps.push({ what, undo });
}

/** Runs every registered step once, newest first; a failing step is reported and the rest still run. */
export async function runCleanups(): Promise<void> {
  for (let step = steps.pop(); step; step = steps.pop()) {
    try {
      await step.undo();
    } catch (error) {
      console.error(
        `cleanup: could not ${step.what}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
