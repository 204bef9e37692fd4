import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './lib/runtime/chromium';

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
const databasePort = String(port + 52000);
const dataDir = `test-results/e2e-data-${port}`;
process.env.E2E_DATABASE_PORT = databasePort;
process.env.E2E_DATA_DIR = dataDir;
// The key the specs' orders come in with, set the way an operator gives a store its key.
const storeApiKey = `e2e-store-api-key-${port}-0123456789`;
process.env.E2E_STORE_API_KEY = storeApiKey;
// A fake Moota API beside the app (loopback only); specs connect to it by entering this token in Settings.
const fakeMootaPort = port + 1;
process.env.E2E_MOOTA_TOKEN = `e2e-moota-token-${port}-0123456789`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results/e2e',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: findChromium({ env: process.env, platform: process.platform, exists: existsSync }),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: { ...devices['Desktop Chrome'] } },
    { name: 'chromium', dependencies: ['setup'], testIgnore: /auth\.setup\.ts/, use: { ...devices['Desktop Chrome'] } },
  ],
  webServer: [
    {
      command: `node --import ./lib/runtime/plain-node.mjs scripts/fake-moota.ts --port ${fakeMootaPort} --token ${process.env.E2E_MOOTA_TOKEN} --mutations 250 --days 2`,
      url: `http://127.0.0.1:${fakeMootaPort}/api/v2/bank`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
    {
      // The newcomer's path: `npm start` on an empty data folder seeds the demo.
      command: `rm -rf ${dataDir} && node --import ./lib/runtime/plain-node.mjs scripts/start.ts`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 240_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      env: {
        PORT: String(port),
        COCOK_DATA_DIR: dataDir,
        COCOK_DATABASE_PORT: databasePort,
        STORE_API_KEYS: storeApiKey,
        MOOTA_API_URL: `http://127.0.0.1:${fakeMootaPort}/api/v2`,
      },
      stdout: 'pipe',
    },
  ],
});
