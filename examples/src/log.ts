import { throughlineMixin } from "@gentletask/pino";
import pino from "pino";

const LEVELS: Record<number, string> = { 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR" };

/**
 * A pino logger whose lines carry the throughline, printed one human-readable
 * line each: `INFO  ["job-service","job-1","fetch-reading"] fetched reading`.
 * (A real service would keep pino's JSON and let its log stack render it.)
 */
export function createLogger(write: (line: string) => void = (line) => process.stdout.write(line)) {
  return pino(
    { base: undefined, timestamp: false, mixin: throughlineMixin({ includeEmpty: true }) },
    {
      write(json: string) {
        const { level, throughline, msg, err, ...fields } = JSON.parse(json);
        const extra = Object.entries(fields)
          .map(
            ([key, value]) =>
              ` ${key}=${typeof value === "string" ? value : JSON.stringify(value)}`,
          )
          .join("");
        const error = err === undefined ? "" : ` (${err.type}: ${err.message})`;
        write(`${LEVELS[level] ?? level} ${JSON.stringify(throughline)} ${msg}${extra}${error}\n`);
      },
    },
  );
}

export type Logger = ReturnType<typeof createLogger>;
