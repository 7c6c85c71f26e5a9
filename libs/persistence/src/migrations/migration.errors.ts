export enum MigrationErrorCode {
  NOTHING_TO_MIGRATE = 'NOTHING_TO_MIGRATE',
  INVALID_MIGRATION_NAME = 'INVALID_MIGRATION_NAME',
  SNAPSHOT_MISSING = 'SNAPSHOT_MISSING',
  LOCK_TIMEOUT = 'LOCK_TIMEOUT',
}

export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}
