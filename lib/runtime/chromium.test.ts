import { describe, expect, test } from 'vitest';
import { findChromium, type ChromiumSearch } from './chromium';

const MAC_CHROME = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';

describe('findChromium', () => {
  test.each<{ label: string; env: ChromiumSearch['env']; platform: NodeJS.Platform; installed: string[]; expected: string | undefined }>([
    {
      label: 'CHROMIUM_PATH wins over every browser found',
      env: { CHROMIUM_PATH: '/opt/chrome/chrome', PATH: '/usr/bin' },
      platform: 'linux',
      installed: ['/usr/bin/chromium'],
      expected: '/opt/chrome/chrome',
    },
    {
      label: 'an empty CHROMIUM_PATH counts as unset',
      env: { CHROMIUM_PATH: '', PATH: '/usr/bin' },
      platform: 'linux',
      installed: ['/usr/bin/chromium'],
      expected: '/usr/bin/chromium',
    },
    {
      label: 'the first folder on PATH that has one',
      env: { PATH: '/home/me/bin:/usr/local/bin:/usr/bin' },
      platform: 'linux',
      installed: ['/usr/local/bin/google-chrome', '/usr/bin/chromium'],
      expected: '/usr/local/bin/google-chrome',
    },
    {
      label: 'Chromium before Chrome in the same folder',
      env: { PATH: '/usr/bin' },
      platform: 'linux',
      installed: ['/usr/bin/google-chrome', '/usr/bin/chromium-browser'],
      expected: '/usr/bin/chromium-browser',
    },
    {
      label: 'its usual place when PATH has none',
      env: { PATH: '/home/me/bin' },
      platform: 'linux',
      installed: ['/usr/bin/google-chrome-stable'],
      expected: '/usr/bin/google-chrome-stable',
    },
    {
      label: 'no PATH at all',
      env: {},
      platform: 'linux',
      installed: ['/usr/bin/chromium'],
      expected: '/usr/bin/chromium',
    },
    {
      label: 'Google Chrome in macOS Applications',
      env: { PATH: '/usr/local/bin:/usr/bin' },
      platform: 'darwin',
      installed: [MAC_CHROME],
      expected: MAC_CHROME,
    },
    {
      label: 'a Linux place is not looked for on macOS',
      env: { PATH: '/usr/local/bin' },
      platform: 'darwin',
      installed: ['/usr/bin/chromium'],
      expected: undefined,
    },
    {
      label: 'chrome.exe on a Windows PATH',
      env: { PATH: 'C:\\Windows;C:\\Tools\\Chrome' },
      platform: 'win32',
      installed: ['C:\\Tools\\Chrome\\chrome.exe'],
      expected: 'C:\\Tools\\Chrome\\chrome.exe',
    },
    {
      label: 'Chrome in Windows Program Files',
      env: { PATH: 'C:\\Windows' },
      platform: 'win32',
      installed: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
      expected: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    },
    {
      label: "none installed: Playwright's own",
      env: { PATH: '/usr/local/bin:/usr/bin' },
      platform: 'linux',
      installed: [],
      expected: undefined,
    },
  ])('$label', ({ env, platform, installed, expected }) => {
    expect(findChromium({ env, platform, exists: (file) => installed.includes(file) })).toBe(expected);
  });
});
