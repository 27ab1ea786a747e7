import { all, race, sleep } from "@gentletask/primitives";
import { spawn, taskChain } from "@gentletask/tasks";

await spawn(
  async () => {
    // all: every result, in input order. A failure would stop the siblings
    // and wait for them before rejecting.
    const [where, items] = await all([
      async function loadUser() {
        await sleep(5);
        return taskChain().join(" > ");
      },
      async () => ["book", "lamp"],
    ]);
    console.log(where, items);

    // race: the first to settle wins; the loser is stopped, and its
    // cleanup has run before race settles.
    const winner = await race([
      async function slowMirror() {
        try {
          await sleep(60_000);
        } finally {
          console.log("slow mirror stopped");
        }
      },
      async function fastMirror() {
        await sleep(5);
        return "fast mirror";
      },
    ]);
    console.log("winner:", winner);
  },
  { name: "request" },
);
// request > all > loadUser [ 'book', 'lamp' ]
// slow mirror stopped
// winner: fast mirror
