import { spawn } from "@gentletask/tasks";

const answer = spawn(() => 6 * 7);
console.log(await answer); // 42
console.log(answer.isDone); // true

// A failure surfaces where you wait.
const failed = spawn(() => {
  throw new RangeError("kaboom");
});
try {
  await failed;
} catch (error) {
  console.log("caught:", (error as Error).message); // caught: kaboom
}

// Arguments, a name, and a callback for when it finishes.
const logLines: string[] = [];
const adder = spawn((x: number, y: number) => x + y, {
  args: [3, 4],
  name: "adder",
  onFinish: (result) => logLines.push(`adder finished -> ${result}`),
});
console.log(await adder.wait()); // 7
console.log(logLines); // ["adder finished -> 7"]
