import { sleep } from "@gentletask/primitives";
import { spawn, taskChain } from "@gentletask/tasks";

async function calibrate() {
  try {
    while (true) {
      console.log(taskChain(), "measuring offset");
      await sleep(20); // stop-aware: rejects with Stopped when the task is stopped
    }
  } finally {
    console.log(taskChain(), "sensor released");
  }
}

const acquisition = spawn(() => spawn(calibrate), { name: "acquisition" });
await sleep(50);
await acquisition.stop("operator pressed stop"); // resolves once all cleanup has run
