import { setTimeout as delay } from "node:timers/promises";
import { throughline } from "@gentletask/semantic-stack";

/** Logs a line prefixed with what the program is doing right now. */
function log(message: string) {
  console.log(`${JSON.stringify(throughline.collect("name"))} ${message}`);
}

async function calibrate() {
  return throughline.run({ name: "calibrate" }, async () => {
    log("measuring offset");
    await delay(10);
    return 0.25;
  });
}

async function acquisition(run: number) {
  return throughline.run({ name: `acquisition-${run}` }, async () => {
    log("starting acquisition");
    const offset = await calibrate();
    log(`acquisition complete, offset ${offset}`);
  });
}

await Promise.all([acquisition(1), acquisition(2)]);
