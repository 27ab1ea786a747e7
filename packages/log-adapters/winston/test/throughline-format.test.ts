import { setImmediate as nextTurn } from "node:timers/promises";
import { throughline } from "@gentletask/semantic-stack";
import { describe, expect, test } from "vitest";
import winston from "winston";
import { throughlineFormat } from "../src/index.js";
import { memoryLogger } from "./support/memory-logger.js";
import { nest } from "./support/nest.js";

describe("lines inside tasks", () => {
  test("carry the chain of nested contexts, outermost first", () => {
    const { logger, lines } = memoryLogger();
    nest(["acquisition"], () => {
      logger.info("outer");
      nest(["calibrate"], () => logger.info("inner"));
    });
    expect(lines).toEqual([
      { level: "info", message: "outer", throughline: ["acquisition"] },
      { level: "info", message: "inner", throughline: ["acquisition", "calibrate"] },
    ]);
  });

  test("carry it from every way of calling winston", () => {
    const { logger, lines } = memoryLogger();
    nest(["acquisition"], () => {
      logger.info("one");
      logger.info({ message: "object" });
      logger.log("info", "log with level");
      logger.log({ level: "info", message: "log with info" });
      logger.info("with meta", { sensor: 3 });
      logger.info("splat %d", 3);
    });
    expect(lines.map((line) => line.throughline)).toEqual(Array(6).fill(["acquisition"]));
    expect(lines[4]).toMatchObject({ sensor: 3 });
  });

  test("keep their own chain across awaits in concurrent flows", async () => {
    const { logger, lines } = memoryLogger();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        nest(["acquisition", `flow-${i}`], async () => {
          await nextTurn();
          logger.info("tick", { flow: i });
        }),
      ),
    );
    expect(lines).toHaveLength(100);
    for (const line of lines) {
      expect(line.throughline).toEqual(["acquisition", `flow-${line.flow}`]);
    }
  });

  test("show only the string names", () => {
    const { logger, lines } = memoryLogger();
    nest(["acquisition", 42, "calibrate"], () => logger.info("mixed"));
    expect(lines[0]?.throughline).toEqual(["acquisition", "calibrate"]);
  });

  test("never show the call-time capture, even to serializers that print symbol keys", () => {
    const { logger, raw } = memoryLogger({
      parse: false,
      format: winston.format.combine(throughlineFormat(), winston.format.prettyPrint()),
    });
    nest(["acquisition"], () => logger.info("pretty"));
    expect(raw.join("\n")).toContain("throughline: [ 'acquisition' ]");
    expect(raw.join("\n")).not.toContain("gentletask");
  });
});

describe("lines outside any task", () => {
  test("leave the field out by default", () => {
    const { logger, lines } = memoryLogger();
    logger.info("idle");
    expect(lines).toEqual([{ level: "info", message: "idle" }]);
  });

  test("get an empty chain with includeEmpty", () => {
    const { logger, lines } = memoryLogger({ throughline: { includeEmpty: true } });
    logger.info("idle");
    nest(["busy"], () => logger.info("busy"));
    expect(lines).toEqual([
      { level: "info", message: "idle", throughline: [] },
      { level: "info", message: "busy", throughline: ["busy"] },
    ]);
  });

  test("follow includeEmpty in a restored empty snapshot too", () => {
    const { logger, lines } = memoryLogger();
    const empty = throughline.snapshot();
    nest(["busy"], () => empty.run(() => logger.info("restored")));
    expect(lines).toEqual([{ level: "info", message: "restored" }]);
  });
});

describe("child loggers", () => {
  test("keep working: their metadata and the chain side by side, at every depth", () => {
    const { logger, lines } = memoryLogger();
    const db = logger.child({ module: "db" });
    const query = db.child({ table: "runs" });
    nest(["acquisition", "store"], () => {
      db.info("connect");
      query.info("insert", { rows: 2 });
    });
    db.info("outside");
    expect(lines).toEqual([
      { level: "info", message: "connect", module: "db", throughline: ["acquisition", "store"] },
      {
        level: "info",
        message: "insert",
        module: "db",
        table: "runs",
        rows: 2,
        throughline: ["acquisition", "store"],
      },
      { level: "info", message: "outside", module: "db" },
    ]);
  });
});

describe("an existing throughline field", () => {
  test("is kept, from the call's fields, a child's metadata or an info object", () => {
    const { logger, lines } = memoryLogger();
    const remote = logger.child({ throughline: ["checkout", "charge-card"] });
    nest(["payments-api"], () => {
      logger.info("given", { throughline: ["upstream"] });
      logger.log({ level: "info", message: "info object", throughline: ["upstream"] });
      remote.info("bound");
      logger.info("plain");
    });
    expect(lines.map((line) => line.throughline)).toEqual([
      ["upstream"],
      ["upstream"],
      ["checkout", "charge-card"],
      ["payments-api"],
    ]);
  });

  test("is kept from your own defaultMeta", () => {
    const { lines, logger } = memoryLogger({ defaultMeta: { throughline: ["fixed"] } });
    nest(["acquisition"], () => logger.info("fixed"));
    expect(lines[0]?.throughline).toEqual(["fixed"]);
  });
});

describe("a custom key", () => {
  test("names the field, and is where an existing value is looked for", () => {
    const { logger, lines } = memoryLogger({ throughline: { key: "tasks" } });
    nest(["acquisition", "calibrate"], () => {
      logger.info("custom");
      logger.info("given", { tasks: ["given"] });
    });
    expect(lines).toEqual([
      { level: "info", message: "custom", tasks: ["acquisition", "calibrate"] },
      { level: "info", message: "given", tasks: ["given"] },
    ]);
  });
});
