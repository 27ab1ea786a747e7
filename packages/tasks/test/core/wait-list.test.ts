import { expect, test } from "vitest";
import { WaitLink, WaitList } from "../../src/core/wait-list.ts";

test("waiters are served in arrival order and leave from the middle without a trace", () => {
  const list = new WaitList<WaitLink>();
  const [a, b, c] = [new WaitLink(), new WaitLink(), new WaitLink()];
  list.push(a);
  list.push(b);
  list.push(c);
  b.leaveList();
  b.leaveList();
  expect(list.size).toBe(2);
  expect(list.shift()).toBe(a);
  expect(list.shift()).toBe(c);
  expect(list.shift()).toBeUndefined();
});
