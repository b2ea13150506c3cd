// End-to-end tests: Playwright drives Debian's Chromium (/usr/bin/chromium; never a downloaded
// browser) against the release bundle in dist/, served as static files on 127.0.0.1.
// Run through scripts/test.sh, which builds dist/ first; or, after a build: npx playwright test
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 8765);

export default defineConfig({
  testDir: './e2e',
  outputDir: './e2e/test-results',
  // Two cores: one browser at a time keeps timings steady.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'target/e2e-results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // No sandbox (CI runs as root); the network flags stop Chromium from calling home, which
      // this machine's closed network refuses noisily.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory dist`,
    url: `http://127.0.0.1:${PORT}/`,
    // Never test whatever else happens to listen on the port (another checkout's dist/).
    reuseExistingServer: false,
    timeout: 20_000,
    // http.server logs every request on stderr; the test reports say enough.
    stdout: 'ignore',
    stderr: 'ignore',
  },
});
