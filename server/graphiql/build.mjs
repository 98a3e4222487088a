// Copies the browser bundles that page.html loads from node_modules (installed by
// `npm ci` at the versions package-lock.json pins) into static/, which the API serves
// at /graphiql/static/. Run by `npm run build`; `make graphiql` runs both.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

// The name served under /graphiql/static/ and the package file it is copied from.
const ASSETS = {
  "react.production.min.js": "react/umd/react.production.min.js",
  "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
  "graphiql.min.js": "graphiql/graphiql.min.js",
  "graphiql.min.css": "graphiql/graphiql.min.css",
  "plugin-explorer.umd.js": "@graphiql/plugin-explorer/dist/index.umd.js",
  "plugin-explorer.css": "@graphiql/plugin-explorer/dist/style.css",
};

const target = join(here, "static");
rmSync(target, { recursive: true, force: true });
mkdirSync(target);
for (const [name, source] of Object.entries(ASSETS)) {
  copyFileSync(join(here, "node_modules", source), join(target, name));
}
// Written last: its presence means every file above is in place.
writeFileSync(join(target, ".built"), "");
console.log(`GraphiQL's files: ${Object.keys(ASSETS).length} copied into ${target}`);
