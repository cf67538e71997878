/** One line per step: `[3/13] zen-ai-router-worker-2: 6 keys, deployed in 4.1s`. */
export function createProgress(total: number) {
  let step = 0;
  return {
    async run<T>(label: string, work: () => Promise<T>, describe: (result: T) => string) {
      step++;
      const started = performance.now();
      const result = await work();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`[${step}/${total}] ${label}: ${describe(result)} in ${seconds}s`);
      return result;
    },
  };
}
