#!/usr/bin/env node
// Runs migrate.ts without a build step: @swc-node/register compiles TypeScript as it is required,
// with the repository's tsconfig paths (@gongkai/*). Usage: see `node tools/prisma/migrate.mjs --help`.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { register } = require('@swc-node/register/register');
const { readDefaultTsConfig } = require('@swc-node/register/read-default-tsconfig');

register(readDefaultTsConfig(fileURLToPath(new URL('./tsconfig.json', import.meta.url))));
const { main } = require('./migrate.ts');

// Exit explicitly: pg and the schema engine can leave sockets and timers behind.
process.exit(await main(process.argv.slice(2)));
