import { type Event, type Queue, shield, sleep, withTimeout } from "@gentletask/primitives";
import {
  currentTask,
  ManualTask,
  MultiTask,
  SerialWorker,
  Stopped,
  spawn,
  type Task,
} from "@gentletask/tasks";
import { checkNotAfterRootStop, checkStopRecorded, stopAware } from "./invariant-checks.js";
import type { Body, Step } from "./program.js";
import type { ProgramRun } from "./program-run.js";
import type { TaskRecord } from "./records.js";
import { candidates, offOwnChain, pick, pickWorker, TASK_KINDS } from "./step-targets.js";

/** Runs `body` as the current task's body, recording its start, steps and end. */
export async function runBody(run: ProgramRun, body: Body): Promise<string> {
  const record = run.records.get(body.id) as TaskRecord;
  const self = currentTask() as Task;
  record.task ??= self;
  record.starts++;
  if (record.starts > 1) run.violate("body-runs-once", `body #${body.id} started twice`);
  checkNotAfterRootStop(run, record, "started");
  try {
    for (const step of body.steps) {
      checkNotAfterRootStop(run, record, `ran a step (${step.op})`);
      try {
        if ((await runStep(run, body, self, step)) === "finish") return `value of #${body.id}`;
      } catch (error) {
        // Taking another task's outcome observes its failure; the body's own
        // throws are not observed by catching them here.
        if (step.op === "await" || step.op === "withTimeout") run.see(error);
        if (step.op === "fail" || !body.catchAll) throw error;
      }
    }
    return `value of #${body.id}`;
  } catch (error) {
    if (!(error instanceof Stopped)) run.raised.add(error);
    throw error;
  } finally {
    if (body.cleanup.length > 0) await shield(() => runSteps(run, body, self, body.cleanup, true));
    record.ends++;
    const parent = record.parent === undefined ? undefined : run.records.get(record.parent);
    if (
      parent?.task !== undefined &&
      !record.detached &&
      record.kind !== "job" &&
      parent.task.isDone
    ) {
      run.violate(
        "no-child-outlives-its-parent",
        `#${body.id} was still in finally after its parent #${parent.id} was done`,
      );
    }
  }
}

async function runSteps(run: ProgramRun, body: Body, self: Task, steps: Step[], tolerant: boolean) {
  for (const step of steps) {
    try {
      await runStep(run, body, self, step);
    } catch (error) {
      if (!tolerant) throw error;
    }
  }
}

async function runStep(
  run: ProgramRun,
  body: Body,
  self: Task,
  step: Step,
): Promise<"finish" | undefined> {
  switch (step.op) {
    case "sleep":
      await stopAware(run, self, sleep(step.ms));
      return;
    case "spawn": {
      const record = run.record({
        id: step.body.id,
        kind: "body",
        parent: body.id,
        detachedAtSpawn: step.detach,
        observed: step.observe || !run.revised,
        task: undefined,
      });
      const child = spawn(() => runBody(run, step.body), {
        name: `t${step.body.id}`,
        detach: step.detach,
      });
      record.task = child;
      run.observe(record, child);
      return;
    }
    case "await": {
      const kinds: TaskRecord["kind"][] = run.revised ? TASK_KINDS : ["body", "manual", "multi"];
      const target = pick(offOwnChain(run, body, candidates(run, body, kinds)), step.target);
      if (target?.task === undefined) return;
      run.log(`#${body.id} await #${target.id}`);
      run.see(await target.task.wait());
      return;
    }
    case "stop": {
      const options = candidates(run, body, TASK_KINDS);
      if (!run.revised) options.push(run.records.get(body.id) as TaskRecord);
      const target = pick(options, step.target);
      const task = target?.task;
      if (target === undefined || task === undefined) return;
      const reason = run.nextReason(body.id, target.id);
      run.log(
        `#${body.id} stop #${target.id}${step.awaitIt && target.id > body.id ? " and await it" : ""}`,
      );
      const wasStopped = task.isStopped;
      const stopping = task.stop(reason);
      if (!wasStopped) checkStopRecorded(run, task, reason);
      // Awaiting a stop is not stop-aware: only a task made later (a higher
      // id) may be awaited, so stop-awaits never form a cycle of their own.
      if (step.awaitIt && target.id > body.id && target.kind !== "multi") await stopping;
      return;
    }
    case "detach": {
      const options = run.revised
        ? [...run.records.values()].filter((r) => r.kind === "body" && r.task !== undefined)
        : candidates(run, body, ["body"]);
      const target = pick(options, step.target);
      if (target?.task === undefined) return;
      const mine = target.parent === body.id;
      run.log(`#${body.id} detach #${target.id}`);
      try {
        target.task.detach();
        if (mine && !target.detached) {
          target.detached = true;
          target.detachedAfterStops = run.stopCount;
        } else if (!target.task.isDone)
          run.violate("detach-only-by-parent", `#${body.id} detached #${target.id}`);
      } catch (error) {
        if (mine && !target.detached && !target.task.isDone) {
          run.violate(
            "detach-by-parent-works",
            `#${body.id} could not detach its child #${target.id}: ${String(error)}`,
          );
        }
      }
      return;
    }
    case "finish":
      return "finish";
    case "fail":
      throw new Error(`failure of #${body.id}`);
    case "put": {
      const queue = run.queues[step.queue] as Queue<number>;
      await stopAware(
        run,
        self,
        queue.put(run.nextItem(), step.queue === 1 ? { timeoutMs: 3 } : {}),
      );
      return;
    }
    case "get": {
      const queue = run.queues[step.queue] as Queue<number>;
      const got = queue.get(step.timeoutMs === undefined ? {} : { timeoutMs: step.timeoutMs });
      await stopAware(run, self, got);
      return;
    }
    case "set":
      (run.events[step.event] as Event).set();
      return;
    case "waitEvent":
      await stopAware(run, self, (run.events[step.event] as Event).wait(step.timeoutMs));
      return;
    case "withTimeout":
      run.record({
        id: step.body.id,
        kind: "timed",
        parent: body.id,
        detachedAtSpawn: false,
        observed: false,
        task: undefined,
      });
      run.see(
        await withTimeout(step.ms, () => runBody(run, step.body), { name: `t${step.body.id}` }),
      );
      return;
    case "shield":
      await shield(() => runSteps(run, body, self, step.steps, true));
      return;
    case "manual": {
      const record = run.record({
        id: step.id,
        kind: "manual",
        parent: body.id,
        detachedAtSpawn: false,
        observed: step.observe || !run.revised,
        task: undefined,
      });
      const manual = new ManualTask<string>({ name: `m${step.id}` });
      record.task = manual;
      run.observe(record, manual);
      return;
    }
    case "settleManual": {
      const target = pick(candidates(run, body, ["manual"]), step.target);
      const manual = target?.task as ManualTask<string> | undefined;
      if (manual === undefined) return;
      run.log(`#${body.id} ${step.fail ? "fail" : "resolve"} #${target?.id}`);
      if (step.fail) {
        const failure = new Error(`failure of manual #${target?.id}`);
        if (manual.fail(failure)) run.raised.add(failure);
      } else {
        manual.resolve(`value of manual #${target?.id}`);
      }
      return;
    }
    case "multi": {
      const options = offOwnChain(
        run,
        body,
        candidates(run, body, run.revised ? TASK_KINDS : ["body", "manual"]),
      );
      const members = [...new Set(step.of.map((index) => pick(options, index)))].filter(
        (member): member is TaskRecord => member?.task !== undefined,
      );
      if (members.length === 0) return;
      const record = run.record({
        id: step.id,
        kind: "multi",
        parent: body.id,
        detachedAtSpawn: false,
        observed: !run.revised,
        task: undefined,
      });
      const multi = new MultiTask(
        members.map((member) => member.task as Task),
        { name: `multi${step.id}` },
      );
      for (const member of members) member.inMultis.push(step.id);
      run.log(`#${body.id} multi #${step.id} of ${members.map((m) => `#${m.id}`).join(", ")}`);
      record.task = multi;
      run.observe(record, multi);
      return;
    }
    case "worker":
      run.workers.set(step.id, { worker: new SerialWorker(`w${step.id}`), owner: body.id });
      return;
    case "submit": {
      const entry = pickWorker(run, body, step.worker);
      if (entry === undefined) return;
      const record = run.record({
        id: step.body.id,
        kind: "job",
        parent: entry.owner,
        detachedAtSpawn: false,
        observed: step.observe || !run.revised,
        task: undefined,
      });
      run.log(`#${body.id} submit #${step.body.id} to ${entry.worker.name}`);
      const job = entry.worker.submit(() => runBody(run, step.body), { name: `j${step.body.id}` });
      record.task = job;
      run.observe(record, job);
      return;
    }
    case "stopWorker": {
      const entry = pickWorker(run, body, step.worker);
      if (entry === undefined) return;
      run.log(`#${body.id} stop ${entry.worker.name}${step.awaitIt ? " and await it" : ""}`);
      const stopping = entry.worker.stop();
      if (step.awaitIt) await stopping;
      return;
    }
  }
}
