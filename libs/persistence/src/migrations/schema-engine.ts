import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import type { SchemaFile } from './migration-files';

type SchemaEngineBindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
type SchemaEngineWasmExports = Record<string, unknown> & { __wbindgen_start: () => void };

// The ES2023 lib we compile against has no WebAssembly types; this is the one call we make.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: object } }>;
};

const ENGINE_GLUE = '@prisma/schema-engine-wasm/schema_engine_bg';

/** Neither table list nor enum list is managed outside our migrations. */
export const NO_EXTERNAL_ENTITIES = { externalTables: [], externalEnums: [] };

let bindings: Promise<SchemaEngineBindings> | undefined;

/**
 * Loads Prisma's schema engine (WebAssembly) once per process. We instantiate the .wasm
 * ourselves so Node needs no `--experimental-wasm-modules` flag. The glue module is imported
 * lazily (it is ESM: Node 20.19+ require()s it; Jest needs it transformed) and stays an external
 * package in app bundles; the .wasm file is found next to it through Node's own resolution.
 */
export function loadSchemaEngine(): Promise<SchemaEngineBindings> {
  bindings ??= instantiate().catch((error: unknown) => {
    bindings = undefined;
    throw error;
  });
  return bindings;
}

async function instantiate(): Promise<SchemaEngineBindings> {
  const glue: SchemaEngineBindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  // Resolved by Node at run time, never by a bundler (which would turn it into a module id).
  const { createRequire } = process.getBuiltinModule('node:module');
  const gluePath = createRequire(__filename).resolve(ENGINE_GLUE);
  const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
  const imports: Record<string, unknown> = { ...glue };
  const setTimeoutImport = Object.keys(imports).find((name) => name.startsWith('__wbg_setTimeout_'));
  if (setTimeoutImport) imports[setTimeoutImport] = engineSetTimeout;
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': imports });
  const wasmExports = instance.exports as SchemaEngineWasmExports;
  glue.__wbg_set_wasm(wasmExports);
  wasmExports.__wbindgen_start();
  installPanicRegistry();
  return glue;
}

/**
 * The engine arms 10-second guard timers that it never clears, which would keep a finished
 * CLI or test process alive. We keep track of them and clear them once no engine is open:
 * by then nothing can be waiting on them.
 */
const engineTimers = new Set<NodeJS.Timeout>();
let openSessions = 0;

function engineSetTimeout(callback: () => void, delayMs: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    engineTimers.delete(timer);
    callback();
  }, delayMs >>> 0);
  engineTimers.add(timer);
  return timer;
}

function sessionOpened(): void {
  openSessions += 1;
}

function sessionClosed(): void {
  openSessions -= 1;
  if (openSessions > 0) return;
  for (const timer of engineTimers) clearTimeout(timer);
  engineTimers.clear();
}

interface PanicRegistry {
  set_message(message: string): void;
}

/**
 * The wasm engines report a Rust panic through this global before throwing. @prisma/client
 * installs its own when it loads; without one, a panic would surface as a TypeError instead.
 */
function installPanicRegistry(): void {
  const holder = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
  holder.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      process.stderr.write(`Prisma schema engine panicked: ${message}\n`);
    },
  };
}

export interface EngineSession {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/** Opens a schema engine on a live database through the pg driver adapter. */
export async function openEngine(options: {
  databaseUrl: string;
  schemaFiles: SchemaFile[];
  log?: (message: string) => void;
}): Promise<EngineSession> {
  const glue = await loadSchemaEngine();
  const connections = new PgConnections(options.databaseUrl);
  sessionOpened();
  try {
    const engine = await glue.SchemaEngine.new(
      { datamodels: options.schemaFiles.map((file) => [file.path, file.content]) },
      engineLogger(options.log),
      bindMigrationAwareSqlAdapterFactory(connections),
    );
    return {
      engine,
      close: async () => {
        engine.free();
        await connections.disposeAll();
        sessionClosed();
      },
    };
  } catch (error) {
    await connections.disposeAll();
    sessionClosed();
    throw error;
  }
}

/**
 * PrismaPg, keeping hold of every connection it hands the engine: `engine.free()` does not
 * dispose them, and an open pool would keep the process alive.
 */
class PgConnections implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly pg: PrismaPg;
  private readonly scripts: Pool;
  private readonly opened: SqlDriverAdapter[] = [];

  constructor(databaseUrl: string) {
    // One connection is enough: the engine runs its statements one after the other.
    this.pg = new PrismaPg({ connectionString: databaseUrl, max: 1 });
    this.scripts = new Pool({ connectionString: databaseUrl, max: 1 });
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.pg.connect();
    // adapter-pg splits a migration script at every ";", which breaks function bodies ($$ … $$)
    // and comments. PostgreSQL runs a multi-statement script itself when it is sent as one simple
    // query, and runs it as one implicit transaction, so a failing migration leaves nothing behind.
    adapter.executeScript = async (script: string) => {
      await this.scripts.query(script);
    };
    this.opened.push(adapter);
    return adapter;
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return Promise.reject(new Error('Migrations here never use a shadow database'));
  }

  async disposeAll(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((adapter) => adapter.dispose()));
    await this.scripts.end();
  }
}

/**
 * Opens a schema engine that never touches a database, for diffing two datamodels. The engine
 * still asks for the server version when it starts; this adapter answers that one question and
 * refuses everything else, so an accidental database operation fails loudly.
 */
export async function openOfflineEngine(options: {
  schemaFiles: SchemaFile[];
  log?: (message: string) => void;
}): Promise<EngineSession> {
  const glue = await loadSchemaEngine();
  sessionOpened();
  try {
    const engine = await glue.SchemaEngine.new(
      { datamodels: options.schemaFiles.map((file) => [file.path, file.content]) },
      engineLogger(options.log),
      bindMigrationAwareSqlAdapterFactory(offlineAdapterFactory),
    );
    return {
      engine,
      close: async () => {
        engine.free();
        sessionClosed();
      },
    };
  } catch (error) {
    sessionClosed();
    throw error;
  }
}

function engineLogger(log: ((message: string) => void) | undefined): (message: string) => void {
  return (message: string) => log?.(message);
}

/** The PostgreSQL version the offline engine claims: the oldest server we support. */
const OFFLINE_SERVER = { version: 'PostgreSQL 15.0 (offline diff)', numericVersion: 150000 };

function refuse(operation: string): never {
  throw new Error(`${operation} needs a database, but this schema engine only diffs datamodels`);
}

const offlineAdapter: SqlDriverAdapter = {
  provider: 'postgres',
  adapterName: 'gongkai-offline',
  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    if (/\bversion\(\)/.test(query.sql)) {
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, OFFLINE_SERVER.version, OFFLINE_SERVER.numericVersion]],
      };
    }
    return refuse(`query ${JSON.stringify(query.sql.slice(0, 80))}`);
  },
  executeRaw: async () => refuse('executeRaw'),
  executeScript: async () => refuse('executeScript'),
  startTransaction: async () => refuse('startTransaction'),
  getConnectionInfo: () => ({ supportsRelationJoins: true }),
  dispose: async () => undefined,
};

const offlineAdapterFactory: SqlMigrationAwareDriverAdapterFactory = {
  provider: 'postgres',
  adapterName: 'gongkai-offline',
  connect: async () => offlineAdapter,
  connectToShadowDb: async () => refuse('a shadow database'),
};
