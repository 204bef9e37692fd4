import path from 'node:path';

export interface ChromiumSearch {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  exists: (file: string) => boolean;
}

const NAMES_ON_PATH: Partial<Record<NodeJS.Platform, string[]>> = {
  win32: ['chrome.exe', 'chromium.exe'],
};
const DEFAULT_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const USUAL_PLACES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'],
};

/**
 * The Chromium or Chrome the browser tests drive: CHROMIUM_PATH when set, else one found on PATH
 * or in its usual place. None means Playwright's own Chromium (`playwright install chromium`).
 */
export function findChromium({ env, platform, exists }: ChromiumSearch): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const names = NAMES_ON_PATH[platform] ?? DEFAULT_NAMES;
  const onPath = (env.PATH ?? '')
    .split(paths.delimiter)
    .filter(Boolean)
    .flatMap((folder) => names.map((name) => paths.join(folder, name)));
  return [...onPath, ...(USUAL_PLACES[platform] ?? [])].find(exists);
}
