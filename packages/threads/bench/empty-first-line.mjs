// A bare worker that loads nothing, then marks its first line.
import { workerData } from "node:worker_threads";

workerData[0] = performance.timeOrigin + performance.now();
