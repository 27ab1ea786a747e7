// A bare worker that loads the same module as the spawnThread job, then marks its first line.
import { workerData } from "node:worker_threads";
import { firstLine } from "./work.mjs";

firstLine(workerData);
