import { SemanticStack } from "@gentletask/semantic-stack";

const ctx = new SemanticStack("request");

ctx.run({ operation: "abc123", user: "alice" }, () => {
  ctx.run({ operation: "resize" }, () => {
    console.log(ctx.get("operation")); // "resize": the innermost frame wins
    console.log(ctx.get("user")); // "alice": found in the outer frame
    console.log(ctx.collect("operation")); // ["abc123", "resize"], outermost first
    for (const frame of ctx.frames()) console.log(frame);
    // { operation: "abc123", user: "alice" }
    // { operation: "resize" }
  });
});
