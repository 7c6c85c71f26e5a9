/**
 * One line of progress for a step with a known size: rewritten in place on a terminal, printed at
 * every tenth otherwise (CI logs, pipes).
 */
export class Progress {
  private done = 0;
  private lastTenth = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    this.draw();
  }

  tick(count = 1): void {
    this.done += count;
    this.draw();
  }

  finish(summary = ''): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const line = `  ✓ ${this.label}: ${this.done}/${this.total} in ${seconds} s${summary ? ` — ${summary}` : ''}`;
    this.out.write(this.out.isTTY ? `\r\x1b[2K${line}\n` : `${line}\n`);
  }

  private draw(): void {
    const share = this.total === 0 ? 1 : this.done / this.total;
    const line = `  … ${this.label}: ${this.done}/${this.total} (${Math.floor(share * 100)} %)`;
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${line}`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth !== this.lastTenth) {
      this.lastTenth = tenth;
      this.out.write(`${line}\n`);
    }
  }
}

/** Runs `work` over `items` with `concurrency` callers at once, as several operators would. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}
