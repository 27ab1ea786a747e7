import { setImmediate as nextTurn } from "node:timers/promises";
import { throughline } from "@gentletask/semantic-stack";
import { describe, expect, test } from "vitest";
import { throughlineMixin } from "../src/index.js";
import { memoryLogger } from "./support/memory-logger.js";
import { nest } from "./support/nest.js";

describe("lines inside tasks", () => {
  test("carry the chain of nested contexts, outermost first", () => {
    const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
    nest(["acquisition"], () => {
      logger.info("outer");
      nest(["calibrate"], () => logger.info("inner"));
    });
    expect(lines).toEqual([
      { level: 30, throughline: ["acquisition"], msg: "outer" },
      { level: 30, throughline: ["acquisition", "calibrate"], msg: "inner" },
    ]);
  });

  test("keep their own chain across awaits in concurrent flows", async () => {
    const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        nest(["acquisition", `flow-${i}`], async () => {
          await nextTurn();
          logger.info({ flow: i }, "tick");
        }),
      ),
    );
    expect(lines).toHaveLength(100);
    for (const line of lines) {
      expect(line.throughline).toEqual(["acquisition", `flow-${line.flow}`]);
    }
  });

  test("keep the caller's own fields beside the chain", () => {
    const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
    nest(["acquisition"], () => logger.warn({ sensor: 3 }, "drift"));
    expect(lines).toEqual([{ level: 40, throughline: ["acquisition"], sensor: 3, msg: "drift" }]);
  });

  test("get a new object from the mixin every call, so pino's writes never leak into the next line", () => {
    const mixin = throughlineMixin();
    const first = nest(["a"], () => mixin({}, 30));
    const second = nest(["a"], () => mixin({}, 30));
    expect(first).not.toBe(second);
    expect(mixin({}, 30)).not.toBe(mixin({}, 30));

    const { logger, lines } = memoryLogger({ mixin });
    nest(["a"], () => {
      logger.info({ once: true }, "first");
      logger.info("second");
    });
    expect(lines[1]).toEqual({ level: 30, throughline: ["a"], msg: "second" });
  });

  test("show only the string names", () => {
    const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
    nest(["acquisition", 42, { weird: true }, "calibrate"], () => logger.info("mixed"));
    expect(lines[0]?.throughline).toEqual(["acquisition", "calibrate"]);
  });
});

describe("lines outside any task", () => {
  test("leave the field out by default", () => {
    const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
    logger.info("idle");
    expect(lines).toEqual([{ level: 30, msg: "idle" }]);
  });

  test("get an empty chain with includeEmpty", () => {
    const { logger, lines } = memoryLogger({ mixin: throughlineMixin({ includeEmpty: true }) });
    logger.info("idle");
    nest(["busy"], () => logger.info("busy"));
    expect(lines).toEqual([
      { level: 30, throughline: [], msg: "idle" },
      { level: 30, throughline: ["busy"], msg: "busy" },
    ]);
  });

  test("follow includeEmpty in a restored empty snapshot too", () => {
    const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
    const empty = throughline.snapshot();
    nest(["busy"], () => empty.run(() => logger.info("restored")));
    expect(lines).toEqual([{ level: 30, msg: "restored" }]);
  });
});

describe("child loggers", () => {
  test("keep working: bindings and chain side by side, at every depth", () => {
    const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
    const db = logger.child({ module: "db" });
    const query = db.child({ table: "runs" });
    nest(["acquisition", "store"], () => {
      db.info("connect");
      query.info("insert");
    });
    db.info("outside");
    expect(lines).toEqual([
      { level: 30, module: "db", throughline: ["acquisition", "store"], msg: "connect" },
      {
        level: 30,
        module: "db",
        table: "runs",
        throughline: ["acquisition", "store"],
        msg: "insert",
      },
      { level: 30, module: "db", msg: "outside" },
    ]);
  });
});

describe("a custom key", () => {
  test("names the field instead of throughline", () => {
    const { logger, lines } = memoryLogger({ mixin: throughlineMixin({ key: "tasks" }) });
    nest(["acquisition", "calibrate"], () => logger.info("custom"));
    expect(lines).toEqual([{ level: 30, tasks: ["acquisition", "calibrate"], msg: "custom" }]);
  });

  test("is the field an existing value is looked for under", () => {
    const { logger, lines } = memoryLogger({ mixin: throughlineMixin({ key: "tasks" }) });
    nest(["acquisition"], () => {
      logger.info({ tasks: ["given"] }, "kept");
      logger.info({ throughline: "unrelated" }, "both");
    });
    expect(lines).toEqual([
      { level: 30, tasks: ["given"], msg: "kept" },
      { level: 30, tasks: ["acquisition"], throughline: "unrelated", msg: "both" },
    ]);
  });
});
