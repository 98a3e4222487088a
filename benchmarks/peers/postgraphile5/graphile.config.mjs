// PostGraphile v5 for benchmarks/peers.py: the Amber preset over the `public` schema.
// PgIndexBehaviorsPlugin is off so that v5, like v4, can filter and order by any column
// (the tree's `archivedAt: null` conditions); explain and watch mode stay off.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

export default {
  extends: [PostGraphileAmberPreset],
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [
    makePgService({
      connectionString: process.env.PEERS_DATABASE_URL,
      schemas: ["public"],
    }),
  ],
  grafserv: {
    host: "127.0.0.1",
    port: Number(process.env.PEERS_PORT),
    graphiql: false,
  },
  grafast: { explain: false },
};
