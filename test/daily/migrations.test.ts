import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate, readSchema } from "../../adapters/daily/migrations.ts";

const tempDb = () => new Database(join(mkdtempSync(join(tmpdir(), "news-migrations-")), "bot.db"));

describe("migrations", () => {
  it("migrates a fresh database to the newest version and reads version and tables together", () => {
    const db = tempDb();
    expect(readSchema(db)).toEqual({ version: 0, tables: 0 });
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(readSchema(db)).toEqual({ version: MIGRATIONS.length, tables: 3 });
    db.close();
  });

  it("re-checks under the write lock and never migrates another application's tables", () => {
    const db = tempDb();
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY)");
    expect(() => migrate(db)).toThrow(/another application/);
    expect(readSchema(db)).toEqual({ version: 0, tables: 1 });
    db.close();
  });
});
