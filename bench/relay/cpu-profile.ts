/**
 * Reads a V8 CPU profile (node --cpu-prof) and lists the functions that spent the most time
 * themselves (self time: the samples taken while the function itself was running).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

/** The `limit` functions with the most self time in the profile at `file`. */
export async function hottestFunctions(file: string, limit = 25): Promise<HotFunction[]> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const frameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfUs = new Map<string, { name: string; where: string; us: number }>();
  let totalUs = 0;
  profile.samples.forEach((nodeId, index) => {
    const frame = frameOf.get(nodeId);
    const delta = profile.timeDeltas[index] ?? 0;
    if (!frame) return;
    totalUs += delta;
    const where = frame.url
      ? `${frame.url
          .replace(/^file:\/\//, '')
          .split(`${path.sep}node_modules${path.sep}`)
          .at(-1)}:${frame.lineNumber + 1}`
      : '';
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${where}`;
    const entry = selfUs.get(key) ?? { name, where, us: 0 };
    entry.us += delta;
    selfUs.set(key, entry);
  });
  return [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, limit)
    .map((entry) => ({
      name: entry.name,
      where: entry.where,
      selfMs: entry.us / 1000,
      share: totalUs > 0 ? entry.us / totalUs : 0,
    }));
}
