import { AsyncLocalStorage } from "node:async_hooks";
import { Event, limit, sleep } from "@gentletask/primitives";
import { spawn, taskChain } from "@gentletask/tasks";

const requestId = new AsyncLocalStorage<string>();
const db = limit(2); // at most 2 queries at once, started in submission order

async function query(sql: string): Promise<string> {
  await sleep(5);
  // Runs in its caller's context, whoever freed the slot.
  return `${requestId.getStore()} ${taskChain().join(" > ")}: ${sql}`;
}

const handle = (id: string) =>
  spawn(() => requestId.run(id, () => db(query, `select ${id}`)), { name: `request-${id}` });
const answers = await Promise.all(["a", "b", "c"].map(handle));
console.log(answers.join("\n"));

// A queued call whose caller is stopped leaves the queue at once.
const done = new Event();
const busy = [db(() => done.wait()), db(() => done.wait())];
const impatient = spawn(() => db(query, "select late"), { name: "impatient" });
await sleep(0);
console.log("queued:", db.pendingCount);
await impatient.stop("client went away");
console.log("queued:", db.pendingCount, "running:", db.activeCount);
done.set();
await Promise.all(busy);
// a request-a > query: select a
// b request-b > query: select b
// c request-c > query: select c
// queued: 1
// queued: 0 running: 2
