// Lighthouse on one page after another in one Chromium, for bench/lighthouse.py.
//
//   node run.mjs '<chrome flags>' [desktop]
//
// Reads one JSON job a line on stdin, {"url", "output", "categories"}, writes the page's
// JSON report to `output` and answers one line, {"ok": true} or {"ok": false, "error"};
// the caller waits for that answer, so it may change the site between two pages.
import fs from 'node:fs';
import readline from 'node:readline';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const [chromeFlags, preset] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: chromeFlags.split(' ').filter(Boolean),
});
const config = preset === 'desktop' ? desktopConfig : undefined;

try {
  for await (const line of readline.createInterface({input: process.stdin})) {
    const job = JSON.parse(line);
    let answer;
    try {
      const flags = {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: job.categories,
        ignoreStatusCode: true, // an error page is scored, not refused for its status
      };
      const result = await lighthouse(job.url, flags, config);
      fs.writeFileSync(job.output, result.report);
      answer = {ok: true};
    } catch (error) {
      answer = {ok: false, error: String(error && error.stack || error)};
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
} finally {
  await chrome.kill();
}
