import { expect, test } from "vitest";
import { throughline } from "@gentletask/semantic-stack";

test("loads the source", () => {
  expect(throughline.run({ name: "a" }, () => throughline.collect("name"))).toEqual(["a"]);
});
