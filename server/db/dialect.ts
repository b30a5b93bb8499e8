import { DataSource, EntityManager } from "typeorm";

/** The two databases the register runs on: an embedded SQLite file, or a PostgreSQL server. */
export type Dialect = "sqlite" | "postgres";

/** A database location: a postgres:// (or postgresql://) URL selects PostgreSQL; anything else is a SQLite file path (or `:memory:`). */
export function dialectOfLocation(location: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(location) ? "postgres" : "sqlite";
}

export function dialectOf(target: DataSource | EntityManager): Dialect {
  const type = (target instanceof DataSource ? target : target.connection).options.type;
  return type === "postgres" ? "postgres" : "sqlite";
}

/**
 * The register's raw SQL is written once, with `?` placeholders and double-quoted camelCase
 * column names (which both databases accept); PostgreSQL's driver wants `$1, $2...` instead.
 * No statement here has a `?` inside a string literal.
 */
export function placeholders(dialect: Dialect, sql: string): string {
  if (dialect === "sqlite") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Runs raw SQL written for both databases (see `placeholders`). */
export function runSql<T = any>(target: DataSource | EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  return target.query(placeholders(dialectOf(target), sql), parameters);
}

/**
 * A FROM item listing the elements of a JSON array held as text (TypeORM's simple-json columns,
 * or a bound parameter), each as the text column `alias.value`.
 */
export function jsonArrayElements(dialect: Dialect, expression: string, alias: string): string {
  return dialect === "sqlite" ? `json_each(${expression}) AS ${alias}` : `json_array_elements_text((${expression})::json) AS ${alias}(value)`;
}
