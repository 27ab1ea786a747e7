import { Queue, QueueShutDown } from "@gentletask/primitives";
import { spawn } from "@gentletask/tasks";

const lines = new Queue<string>();
const reader = spawn(
  async () => {
    const read: string[] = [];
    for await (const line of lines) read.push(line); // ends once shut down and empty
    return read;
  },
  { name: "reader" },
);

lines.putNowait("first");
lines.putNowait("second");
lines.shutdown(); // no more puts; gets drain what is left
try {
  lines.putNowait("too late");
} catch (error) {
  console.log(error instanceof QueueShutDown);
}
console.log(await reader);
// true
// [ 'first', 'second' ]
