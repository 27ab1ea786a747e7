#!/usr/bin/env node
// Empties the package's `dist` before a build: tsc never deletes the output
// of a source file that is gone, and a stale module would ship in the tarball.
import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
