/** A roster as a download: xlsx, csv or ics (one person's or everyone's), named after the plan. */
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
  switch (o.format) {
    case "xlsx":
      res.attachment(`${name}.xlsx`).type(XLSX_TYPE).send(await rosterWorkbook(roster, o.planName, o.lang));
      return;
    case "csv":
      res.attachment(`${name}.csv`).type(CSV_TYPE).send(rosterCsv(roster, o.lang));
      return;
    case "ics": {
      if (o.person && !roster.shifts.some((s) => s.personId === o.person)) throw notFound(`shifts of person ${o.person} in this roster`);
      const calendar = rosterCalendar(roster, { planName: o.planName, planId: o.planId, personId: o.person, lang: o.lang });
      res.attachment(`${name}${o.person ? ` ${o.person}` : ""}.ics`).type("text/calendar; charset=utf-8").send(calendar);
      return;
    }
    default:
      throw new AppError("not-found", 404, `no export format "${o.format}"; use roster.xlsx, roster.csv or roster.ics`);
  }
}
