import { SemanticStack } from "@gentletask/semantic-stack";

const labeled = new SemanticStack("labeled", { required: ["name"] });

labeled.run({ name: "ok", extra: "also fine" }, () => {
  console.log(labeled.frames()); // [{ name: "ok", extra: "also fine" }]
});

try {
  // TypeScript already rejects this call; at run time it throws and pushes nothing.
  labeled.run({ extra: "but no name" } as never, () => {});
} catch (error) {
  console.log(String(error));
  // TypeError: labeled.run: frame is missing required key "name" (stack "labeled" requires "name")
}
