/** What the API's routers share: id and export parameters, and cancelling a solve whose client went away. */
import type express from "express";
import { z } from "zod";

export const IdParam = z.strictObject({ id: z.coerce.number().int().positive() });
export const ExportQuery = z.object({ lang: z.enum(["zh", "en"]).default("zh"), person: z.string().min(1).optional() });

/** An AbortSignal that fires when the client goes away before the response is sent. */
export function cancelledWhenClosed(res: express.Response): AbortSignal {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
