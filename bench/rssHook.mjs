// Loaded with --import into a command the benchmark runs: on exit, the process's peak resident
// set size (worker threads included, they share the process) is written to $SIGMOID_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.SIGMOID_RSS_FILE;
if (file)
  process.on('exit', () => {
    // maxRSS is in KiB.
    writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
