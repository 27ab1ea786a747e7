import { setTimeout as delay } from "node:timers/promises";
import { currentSignal, withTimeout } from "@gentletask/primitives";
import { TaskTimeoutError } from "@gentletask/tasks";

try {
  // The child task's signal aborts when the deadline stops it, so the
  // 60-second timer is cancelled, not left running.
  await withTimeout(50, () => delay(60_000, "slow", { signal: currentSignal() }), {
    name: "slow call",
  });
} catch (error) {
  console.log(error instanceof TaskTimeoutError, (error as TaskTimeoutError).task.name);
}
// true slow call
