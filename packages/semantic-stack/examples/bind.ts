import { EventEmitter } from "node:events";
import { throughline } from "@gentletask/semantic-stack";

const bus = new EventEmitter();

throughline.run({ name: "subscriber" }, () => {
  // A listener runs in the context of whoever calls emit(); bind() keeps ours.
  bus.on(
    "tick",
    throughline.bind(() => console.log(throughline.collect("name"))),
  );
});

throughline.run({ name: "publisher" }, () => bus.emit("tick")); // ["subscriber"]
