/** A roster as a download: xlsx, csv or ics (one person's or everyone's), named after the plan. */
import { create as contentDisposition } from "content-disposition";
import type express from "express";
import type { RosterResult } from "../domain/roster.ts";
import { CSV_TYPE, rosterCsv } from "../export/csv.ts";
import { rosterCalendar } from "../export/ics.ts";
import { rosterWorkbook, XLSX_TYPE } from "../export/xlsx.ts";
import { AppError, notFound } from "./errors.ts";

export async function sendRosterExport(
  res: express.Response,
  roster: RosterResult,
  o: { planId: number; planName: string; format: string | undefined; lang: "zh" | "en"; person?: string | undefined; suffix?: string },
): Promise<void> {
  const name = `${o.planName} ${o.lang === "zh" ? "排班" : "roster"}${o.suffix ?? ""}`;
  const fallback = ascii(`peakcrew-plan-${o.planId}-roster${o.suffix ?? ""}`);
  /** The file name as a browser shows it (UTF-8, RFC 5987), with an ASCII name for older clients instead of "?" marks. */
  const attach = (ext: string, person = "") =>
    res.set("Content-Disposition", contentDisposition(`${name}${person ? ` ${person}` : ""}.${ext}`, { fallback: `${fallback}${person ? `-${ascii(person)}` : ""}.${ext}` }));
  switch (o.format) {
    case "xlsx":
      attach("xlsx")
        .type(XLSX_TYPE)
        .send(await rosterWorkbook(roster, o.planName, o.lang));
      return;
    case "csv":
      attach("csv").type(CSV_TYPE).send(rosterCsv(roster, o.lang));
      return;
    case "ics": {
      if (o.person && !roster.shifts.some((s) => s.personId === o.person)) throw notFound(`shifts of person ${o.person} in this roster`);
      const calendar = rosterCalendar(roster, { planName: o.planName, planId: o.planId, personId: o.person, lang: o.lang });
      attach("ics", o.person).type("text/calendar; charset=utf-8").send(calendar);
      return;
    }
    default:
      throw new AppError("not-found", 404, `no export format "${o.format}"; use roster.xlsx, roster.csv or roster.ics`);
  }
}

/** Letters, digits, dot, dash and underscore kept; anything else (spaces, CJK) becomes "-". */
function ascii(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, "-");
}
