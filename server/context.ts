import { DataSource } from "typeorm";
import { Loaders } from "./loaders";
import { RegisterGraphStore } from "./graph-store";

/** What every resolver gets: the database, this request's DataLoaders, the graph snapshot, and who is asking. */
export interface Context {
  dataSource: DataSource;
  loaders: Loaders;
  graph: RegisterGraphStore;
  /** true when the request carried the server's admin bearer token */
  isAdmin: boolean;
  /** whether the server was started with an admin token at all (else the register is read-only) */
  writable: boolean;
}
