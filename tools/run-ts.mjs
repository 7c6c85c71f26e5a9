// Runs a tool's TypeScript entry (main.ts exporting `main(argv): Promise<number>`) without a build
// step, like tools/prisma/migrate.mjs: @swc-node/register compiles TypeScript as it is required,
// with the tool's tsconfig (and so the repository's paths, @gongkai/*).
import { existsSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

// Generated Prisma clients import their own TypeScript files as './x.js' (nodenext style). Jest's
// Nx resolver and webpack map that to './x.ts'; Node's require does not, so map it here, for
// relative imports from .ts files only.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (parent?.filename?.endsWith('.ts') && /^\.\.?\/.*\.js$/.test(request)) {
    const typescript = resolve(dirname(parent.filename), request.replace(/\.js$/, '.ts'));
    if (existsSync(typescript)) return typescript;
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

/** `toolUrl`: the calling run.mjs's `import.meta.url`; its folder holds tsconfig.json and main.ts. */
export async function runToolMain(toolUrl) {
  const { register } = require('@swc-node/register/register');
  const { readDefaultTsConfig } = require('@swc-node/register/read-default-tsconfig');
  register(readDefaultTsConfig(fileURLToPath(new URL('./tsconfig.json', toolUrl))));
  const { main } = require(fileURLToPath(new URL('./main.ts', toolUrl)));
  let code = 1;
  try {
    code = await main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  }
  // Exit explicitly: pg pools, NATS and the schema engine can leave sockets and timers behind.
  process.exit(code);
}
