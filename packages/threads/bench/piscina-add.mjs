// A plain Piscina worker: the baseline for a job on a pool.
export default function add([a, b]) {
  return a + b;
}
