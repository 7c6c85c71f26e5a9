import { databaseNameOf, maintenanceUrlOf, quoteIdentifier } from './database-admin';

describe('database URLs', () => {
  it('names the database in the URL', () => {
    expect(databaseNameOf('postgresql://u:p@db:5432/gongkai_rounds?sslmode=disable')).toBe('gongkai_rounds');
  });

  it('reaches the maintenance database with the same server, credentials and options', () => {
    expect(maintenanceUrlOf('postgresql://u:p%40ss@db:6543/gongkai_rounds?sslmode=disable')).toBe(
      'postgresql://u:p%40ss@db:6543/postgres?sslmode=disable',
    );
  });

  it('rejects a URL that names no database', () => {
    expect(() => databaseNameOf('postgresql://u@db:5432/')).toThrow(/no database/);
  });

  it('quotes identifiers so a database name cannot break out of the statement', () => {
    expect(quoteIdentifier('odd"name')).toBe('"odd""name"');
  });
});
