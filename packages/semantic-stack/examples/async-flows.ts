import { setTimeout as delay } from "node:timers/promises";
import { throughline } from "@gentletask/semantic-stack";

async function handle(request: string) {
  return throughline.run({ name: request }, async () => {
    await delay(Math.random() * 5); // timers, promises and callbacks keep the frame
    return throughline.run({ name: "render" }, () => throughline.collect("name"));
  });
}

// Concurrent flows never see each other's frames.
console.log(await Promise.all([handle("GET /a"), handle("GET /b")]));
// [["GET /a", "render"], ["GET /b", "render"]]
console.log(throughline.depth); // 0: nothing leaks outside run
