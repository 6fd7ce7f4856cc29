/**
 * A preload that finds what makes full collections: objects that outlive the young generation and die in the
 * old one. It runs V8's sampling heap profiler with the objects scavenges free left out and those full
 * collections free kept in, from PROMOTED_GARBAGE_AFTER_MS after start (15 s: past start-up and warm-up) until
 * the process ends. It then writes PROMOTED_GARBAGE_OUT.heapprofile (open it in Chrome DevTools' Memory tab)
 * and PROMOTED_GARBAGE_OUT.txt, the allocating functions by sampled bytes, on their own and with their callees:
 *   BENCH_NODE_FLAGS="--require ./scripts/promoted-garbage.js" PROMOTED_GARBAGE_OUT=/tmp/promoted \
 *     npm run bench -- --no-bare --only latency --seconds 25
 * Objects still alive at the end are counted too. Sampling slows the server, so never for timings.
 */
'use strict';
const fs = require('node:fs');
const inspector = require('node:inspector');

const out = process.env.PROMOTED_GARBAGE_OUT;
if (out) {
  const session = new inspector.Session();
  session.connect();
  const startTimer = setTimeout(
    () => {
      session.post('HeapProfiler.enable');
      session.post('HeapProfiler.startSampling', {
        samplingInterval: 2048,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: false,
      });
    },
    Number(process.env.PROMOTED_GARBAGE_AFTER_MS ?? 15_000),
  );
  startTimer.unref();

  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // An in-process session answers at once, so this completes before the process goes.
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (error) return;
      fs.writeFileSync(`${out}.heapprofile`, JSON.stringify(result.profile));
      fs.writeFileSync(`${out}.txt`, summary(result.profile));
    });
  };
  process.prependListener('SIGTERM', write);
  process.prependListener('SIGINT', write);
  process.on('exit', write);
}

/** The top allocating functions, by their own sampled bytes and by those of everything they called. */
function summary(profile) {
  const own = new Map();
  const withCallees = new Map();
  const visit = (node, callers) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`;
    own.set(name, (own.get(name) ?? 0) + node.selfSize);
    const stack = new Set(callers).add(name);
    for (const frame of stack) withCallees.set(frame, (withCallees.get(frame) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child, stack);
  };
  visit(profile.head, []);
  const table = (title, sizes) =>
    [
      title,
      ...[...sizes]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 40)
        .map(([name, bytes]) => `${String(Math.round(bytes / 1024)).padStart(8)} KB  ${name}`),
    ].join('\n');
  return `${table('own', own)}\n\n${table('with callees', withCallees)}\n`;
}
