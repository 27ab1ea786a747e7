import { throughline } from "@gentletask/semantic-stack";

function calibrate() {
  throughline.run({ name: "acquisition" }, () =>
    throughline.run({ name: "calibrate" }, () => {
      throw new Error("sensor offline");
    }),
  );
}

try {
  calibrate();
} catch (error) {
  // Far from where it was raised, the error still tells where that was.
  const wrapped = new Error("run failed", { cause: error });
  console.log(throughline.errorFrames(wrapped)?.map((frame) => frame.name));
  // ["acquisition", "calibrate"]
}
