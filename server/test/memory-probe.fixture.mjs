// Preloaded into a server process under test (`node --expose-gc --import` this file): on SIGUSR2
// it collects garbage and prints what the process then holds, so that a test's memory readings
// count what the server keeps, not buffers it is done with that V8 has not collected yet.
process.on('SIGUSR2', () => {
  globalThis.gc();
  const { heapUsed, external } = process.memoryUsage();
  process.stdout.write(`memory-probe ${JSON.stringify({ heapUsed, external })}\n`);
});
