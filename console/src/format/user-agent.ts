/** A browser or operating system name with its major version when the user agent tells it. */
export interface Named {
  name: string;
  version: string | null;
}

/** What the console shows about a visitor's device. */
export interface DeviceSummary {
  browser: Named | null;
  os: Named | null;
}

// Order matters: Edge, Opera and Samsung Internet also claim "Chrome", and Chrome claims "Safari".
const BROWSERS: readonly [name: string, pattern: RegExp][] = [
  ['Edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ['Opera', /\b(?:OPR|Opera)\/(\d+)/],
  ['Samsung Internet', /\bSamsungBrowser\/(\d+)/],
  ['Firefox', /\b(?:Firefox|FxiOS)\/(\d+)/],
  ['Chrome', /\b(?:Chrome|CriOS)\/(\d+)/],
  ['Safari', /\bVersion\/(\d+)(?:\.\d+)*.*\bSafari\//],
];

/**
 * A deliberately small parser for the browsers and systems most visitors use. Anything it does not
 * recognise comes back as null rather than a guess.
 */
export function parseUserAgent(userAgent: string | null | undefined): DeviceSummary {
  if (!userAgent) return { browser: null, os: null };
  return { browser: parseBrowser(userAgent), os: parseOs(userAgent) };
}

function parseBrowser(ua: string): Named | null {
  for (const [name, pattern] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) return { name, version: match[1] ?? null };
  }
  return null;
}

function parseOs(ua: string): Named | null {
  let match = /\b(?:iPhone|iPad|iPod).*?\bOS (\d+)[_.](\d+)/.exec(ua);
  if (match) return { name: 'iOS', version: `${match[1]}.${match[2]}` };
  match = /\bAndroid (\d+(?:\.\d+)?)/.exec(ua);
  if (match) return { name: 'Android', version: match[1] ?? null };
  if (/\bAndroid\b/.test(ua)) return { name: 'Android', version: null };
  match = /\bWindows NT (\d+\.\d+)/.exec(ua);
  if (match) return { name: 'Windows', version: windowsVersion(match[1] ?? '') };
  if (/\bCrOS\b/.test(ua)) return { name: 'ChromeOS', version: null };
  match = /\bMac OS X (\d+)[_.](\d+)/.exec(ua);
  if (match) return { name: 'macOS', version: `${match[1]}.${match[2]}` };
  if (/\bMacintosh\b/.test(ua)) return { name: 'macOS', version: null };
  if (/\bLinux\b/.test(ua)) return { name: 'Linux', version: null };
  return null;
}

// Windows 11 still reports "NT 10.0", so 10.0 cannot be told apart and is shown as "10/11".
function windowsVersion(nt: string): string | null {
  switch (nt) {
    case '10.0':
      return '10/11';
    case '6.3':
      return '8.1';
    case '6.2':
      return '8';
    case '6.1':
      return '7';
    default:
      return null;
  }
}

/** "Chrome 126", "Safari", or null. */
export function formatNamed(named: Named | null): string | null {
  if (!named) return null;
  return named.version ? `${named.name} ${named.version}` : named.name;
}
