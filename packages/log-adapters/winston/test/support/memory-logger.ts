import { Writable } from "node:stream";
import winston, { type LoggerOptions } from "winston";
import type { ThroughlineFormatOptions } from "../../src/index.js";
import { throughlineFormat, throughlineMeta } from "../../src/index.js";

/**
 * A real winston logger whose Stream transport writes lines to memory (`raw`,
 * and parsed as JSON in `lines` unless `parse` is false). It is set up the way
 * the README says, `throughline` being the format's options; other logger
 * options override that.
 */
export function memoryLogger(
  options: LoggerOptions & { throughline?: ThroughlineFormatOptions; parse?: boolean } = {},
) {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const line = chunk.toString().trimEnd();
      raw.push(line);
      if (parse) lines.push(JSON.parse(line));
      callback();
    },
  });
  const { throughline, parse = true, ...loggerOptions } = options;
  const logger = winston.createLogger({
    defaultMeta: throughlineMeta(),
    format: winston.format.combine(throughlineFormat(throughline), winston.format.json()),
    transports: [new winston.transports.Stream({ stream })],
    ...loggerOptions,
  });
  return { logger, lines, raw };
}
