/**
 * Where the package's own files are, whether this code runs as TypeScript source (src/, under
 * tsx or vitest) or compiled (dist/): the package root is the nearest directory above this
 * module that holds package.json, and data/, web/ and the migrations are found from it.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function packageRoot(from: string): string {
  for (let dir = from; ; ) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
/** Built-in curves and samples; the default database lives here too. */
export const DATA_DIR = join(PACKAGE_ROOT, "data");
/** The page's static files. */
export const WEB_DIR = join(PACKAGE_ROOT, "web");
/** The installed packages (the page serves chart.js from here). */
export const NODE_MODULES_DIR = join(PACKAGE_ROOT, "node_modules");
/** The numbered SQL migrations (kept beside the store's source; not compiled). */
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, "src", "store", "migrations");
