// Prefixed, line-buffered output of child processes, with the last lines kept for error reports.
const colours = [36, 33, 35, 32, 34, 91, 96, 93];
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
let next = 0;
let width = 11;

export function setPrefixWidth(names) {
  width = Math.max(...names.map((name) => name.length));
}

/** A writer that prefixes every line with `name` and remembers the last `keep` lines. */
export function lineWriter(name, { echo = true, keep = 40 } = {}) {
  const colour = colours[next++ % colours.length];
  const label = name.padEnd(width);
  const prefix = useColour ? `\x1b[${colour}m${label} |\x1b[0m ` : `${label} | `;
  const last = [];
  let partial = '';
  const emit = (line) => {
    last.push(line);
    if (last.length > keep) last.shift();
    if (echo) process.stdout.write(`${prefix}${line}\n`);
  };
  return {
    /** @param {Buffer | string} chunk */
    write(chunk) {
      const lines = (partial + chunk.toString('utf8')).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    flush() {
      if (partial) emit(partial);
      partial = '';
    },
    lastLines: () => [...last],
  };
}

export function say(message) {
  process.stdout.write(
    `${useColour ? '\x1b[1m' : ''}${'gongkai'.padEnd(width)} |${useColour ? '\x1b[0m' : ''} ${message}\n`,
  );
}

export function warn(message) {
  process.stderr.write(
    `${'gongkai'.padEnd(width)} | ${useColour ? '\x1b[33m' : ''}${message}${useColour ? '\x1b[0m' : ''}\n`,
  );
}
