/**
 * The built-in data shipped in data/: curve templates and sample files, read once at
 * start-up and validated against the same schemas the API uses.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalog } from "./domain/staffing.ts";
import { DATA_DIR } from "./paths.ts";
import { CurveTemplateFileSchema, parse, toCurveTemplate } from "./schemas.ts";

/** Re-exported for the callers that knew it here (src/paths.ts finds it). */
export { DATA_DIR };

export const DEFAULT_TEMPLATE_ID = "double11";

/** Loads every data/curves/*.json template. */
export function loadCatalog(dataDir = DATA_DIR): Catalog {
  const dir = join(dataDir, "curves");
  const templates = new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => {
        const template = toCurveTemplate(parse(CurveTemplateFileSchema, JSON.parse(readFileSync(join(dir, f), "utf8"))));
        return [template.id, template] as const;
      }),
  );
  const defaultTemplate = templates.get(DEFAULT_TEMPLATE_ID);
  if (!defaultTemplate) throw new Error(`data/curves has no "${DEFAULT_TEMPLATE_ID}" template`);
  return { templates, defaultTemplate };
}

export type Sample = {
  id: string;
  file: string;
  content: unknown;
  /** The sample's staff pool, if it ships one (<id>.staff.csv). */
  staffCsv?: string;
  /** Last year's hourly data for the sample, if it ships one (<id>.history.csv, GBK): the file's bytes. */
  historyCsv?: Buffer;
};

/** The sample plans in data/samples/*.plan.json, by id (the file name without `.plan.json`), with their staff and history CSVs. */
export function loadSamplePlans(dataDir = DATA_DIR): Sample[] {
  const dir = join(dataDir, "samples");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".plan.json"))
    .sort()
    .map((f) => {
      const id = f.replace(/\.plan\.json$/, "");
      const staffFile = join(dir, `${id}.staff.csv`);
      const historyFile = join(dir, `${id}.history.csv`);
      return {
        id,
        file: `data/samples/${f}`,
        content: JSON.parse(readFileSync(join(dir, f), "utf8")),
        ...(existsSync(staffFile) ? { staffCsv: readFileSync(staffFile, "utf8") } : {}),
        ...(existsSync(historyFile) ? { historyCsv: readFileSync(historyFile) } : {}),
      };
    });
}
