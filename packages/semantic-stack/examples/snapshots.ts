import { throughline } from "@gentletask/semantic-stack";

const snap = throughline.run({ name: "request_handler", request_id: "r-42" }, () =>
  throughline.snapshot(),
);

console.log(throughline.collect("name")); // []: back outside

snap.run(() => {
  console.log(throughline.collect("name"), throughline.get("request_id"));
  // ["request_handler"] "r-42"
});

// Snapshots are pure data: send the frames to a worker or another process,
// then install them there.
const wire = JSON.stringify(snap.frames());
throughline.restore(JSON.parse(wire), () => {
  console.log(throughline.collect("name")); // ["request_handler"]
});
