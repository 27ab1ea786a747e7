import { retry } from "@gentletask/primitives";
import { taskChain } from "@gentletask/tasks";

const answer = await retry(
  (attempt) => {
    if (attempt < 3) throw new Error(`connection refused (${taskChain().join(" > ")})`);
    return `connected on attempt ${attempt}`;
  },
  {
    name: "connect",
    attempts: 5,
    minDelayMs: 10, // then 20, 40, ... up to maxDelayMs
    jitter: true,
    onRetry: (error, attempt) => console.log(`attempt ${attempt}:`, (error as Error).message),
  },
);
console.log(answer);
// attempt 1: connection refused (connect > connect#1)
// attempt 2: connection refused (connect > connect#2)
// connected on attempt 3
