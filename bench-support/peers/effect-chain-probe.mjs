// Run in a child process by measure.mjs: stops an Effect chain `depth` deep
// once. A stack overflow inside Effect's interrupt makes it spin, so the
// parent gives it a deadline rather than risk its own event loop.
import { chainContenders } from "./waiting.mjs";

const depth = Number(process.argv[2]);
const { ms } = await chainContenders.effect(depth);
process.stdout.write(`${JSON.stringify({ depth, ms })}\n`);
process.exit(0);
