#!/usr/bin/env node
'use strict';
/**
 * The print agent: runs on a machine on the restaurant's network, connects to the service over socket.io and prints
 * the jobs of the printers its API key serves on local devices (a network printer, or a USB printer's device file).
 * Plain Node and socket.io-client, no build. docs/printers.md says how to set it up.
 */
const { appendFile, readFile, writeFile } = require('node:fs/promises');
const { connect } = require('node:net');
const { io } = require('socket.io-client');

const USAGE = `Usage: POS_PRINT_AGENT_KEY=<key> node scripts/print-agent.js --url <service URL> --printer <id>=<device> ...

Prints the service's print jobs on local printers. The API key (scope print:agent, with printerIds) is read from
POS_PRINT_AGENT_KEY, never from the command line, where other users could read it.

Options:
  --url <url>             The service, e.g. https://pos.example.com (or POS_URL)
  --printer <id>=<device> A printer id of the key and where its bytes go; repeat for each printer:
                            tcp://192.168.1.50:9100   a network printer (raw ESC/POS, port 9100)
                            file:/dev/usb/lp0         a USB printer's device file (or any file)
  --state <file>          Remembers the ids of printed jobs across restarts of the agent (recommended): a job
                          the service sends again after a crash is then acknowledged without printing twice
  --help                  This text

Each job is acknowledged {ok: true} once its bytes are written (a network printer closed the connection cleanly),
or {ok: false, error} when they could not be: the service retries it, and moves kitchen tickets to the printer's
backup after PRINTER_FAILOVER_SECONDS.`;

const REMEMBERED = 5000;
const TCP_TIMEOUT_MS = 10_000;

function parse(argv) {
  const options = { url: process.env.POS_URL, printers: new Map(), state: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (arg === '--url') options.url = value;
    else if (arg === '--state') options.state = value;
    else if (arg === '--printer') {
      const at = value.indexOf('=');
      if (at < 1) throw new Error(`--printer ${value}: expected <id>=<device>`);
      options.printers.set(value.slice(0, at), deviceOf(value.slice(at + 1)));
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!options.url) throw new Error('--url (or POS_URL) is required');
  if (options.printers.size === 0) throw new Error('at least one --printer is required');
  return options;
}

function deviceOf(spec) {
  const tcp = /^tcp:\/\/([^:/]+):(\d{1,5})$/.exec(spec);
  if (tcp) return { kind: 'tcp', host: tcp[1], port: Number(tcp[2]), label: spec };
  if (spec.startsWith('file:') && spec.length > 5) return { kind: 'file', path: spec.slice(5), label: spec };
  throw new Error(`device ${spec}: expected tcp://host:port or file:/path`);
}

/** Writes the bytes once; resolves when a network printer closed cleanly, or the file write is done. */
function print(device, bytes) {
  if (device.kind === 'file') return appendFile(device.path, bytes);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: device.host, port: device.port });
    let sent = false;
    socket.setTimeout(TCP_TIMEOUT_MS, () => socket.destroy(new Error('the printer did not close in time')));
    socket.on('error', reject);
    socket.resume();
    socket.on('end', () => {
      if (!sent) socket.destroy(new Error('the printer hung up before the job was sent'));
    });
    socket.on('connect', () => socket.end(bytes, () => (sent = true)));
    socket.on('close', (hadError) => {
      if (!hadError && sent) resolve();
      else if (!hadError) reject(new Error('the connection closed before the job was sent'));
    });
  });
}

async function main() {
  let options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const apiKey = process.env.POS_PRINT_AGENT_KEY;
  if (!apiKey) {
    process.stderr.write(`POS_PRINT_AGENT_KEY is not set\n\n${USAGE}\n`);
    process.exit(2);
  }
  const printed = options.state ? await readState(options.state) : [];
  const remember = async (jobId) => {
    printed.push(jobId);
    if (printed.length > REMEMBERED) printed.splice(0, printed.length - REMEMBERED);
    if (options.state) await writeFile(options.state, JSON.stringify(printed));
  };
  // One job at a time per printer, in the order they come.
  const queues = new Map();
  const socket = io(`${options.url.replace(/\/$/, '')}/print-agents`, {
    auth: { apiKey },
    transports: ['websocket'],
  });
  socket.on('connect', () => log(`connected, printing for ${[...options.printers.keys()].join(', ')}`));
  socket.on('connect_error', (error) => log(`cannot connect: ${error.message}; retrying`));
  socket.on('disconnect', (reason) => log(`disconnected (${reason})`));
  socket.on('print.job', (job, ack) => {
    const device = options.printers.get(job.printerId);
    const previous = queues.get(job.printerId) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (!device) return ack({ ok: false, error: `no device configured for printer ${job.printerId}` });
      if (printed.includes(job.jobId)) return ack({ ok: true });
      try {
        await print(device, Buffer.from(job.bytes, 'base64'));
        await remember(job.jobId);
        log(`printed job ${job.jobId} on ${device.label}`);
        ack({ ok: true });
      } catch (error) {
        log(`job ${job.jobId} on ${device.label} failed: ${error.message}`);
        ack({ ok: false, error: error.message });
      }
    });
    queues.set(job.printerId, next);
  });
  const stop = () => {
    socket.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function readState(file) {
  try {
    const ids = JSON.parse(await readFile(file, 'utf8'));
    return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function log(message) {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

void main();
