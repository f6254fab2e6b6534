/**
 * A session's User-Agent as a person reads it: "Chrome 131 · Windows". Only the common browsers and systems are
 * named (the order matters: Edge and Opera also say Chrome, Chrome also says Safari); anything else shows as sent.
 */
const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger\/([\d]+)/, 'WeChat'],
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* .*Safari/, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows NT/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/Android/, 'Android'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

export function readableAgent(ua: string | null | undefined): string | null {
  if (!ua) return null;
  const b = BROWSERS.find(([re]) => re.test(ua));
  const browser = b ? `${b[1]} ${ua.match(b[0])?.[1] ?? ''}`.trim() : null;
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null;
  if (!browser && !system) return ua.slice(0, 60);
  return [browser, system].filter(Boolean).join(' · ');
}
