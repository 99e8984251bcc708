/**
 * Intake benchmark (issue "The multi-channel inbox"): importing an mbox of real-world messages into a fresh
 * workspace, beside mailparser alone parsing the same file with the same options, each in its own process so
 * both start cold and their memory is their own; and peak memory importing a quarter of the file beside the
 * whole of it, with the resident size sampled along the way, to show memory stays flat as the file grows.
 *
 * Run as a script it is one of those child processes: `intake-bench.ts import FILE DIR` or `floor FILE`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { simpleParser } from 'mailparser';
import { createCore } from '#core/index.ts';
import { importFiles } from '#core/inbox/import-files.ts';
import { readMbox } from '#core/email/mbox.ts';
import { MAIL_PARSER_OPTIONS } from '#core/email/parse-email.ts';
import type { ImportSummary } from '#shared/domain/intake.ts';
import { writeCorpusMbox } from '../intake/corpus.ts';

/** Ours must reach this share of mailparser's own throughput on the same file. */
const TARGET_SHARE = 0.6;
const SAMPLE_MS = 250;
/** One large mail (issue 10): 60 MB with a 44 MB attachment costs at most this much above the idle process. */
const LARGE_ATTACHMENT_BYTES = 44 * 1024 * 1024;
const LARGE_TARGET_ABOVE_IDLE_MB = 200;

interface ChildReport {
  readonly messages: number;
  readonly seconds: number;
  /** Processor time (all threads), which other load on the machine disturbs less than elapsed time. */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly summary?: ImportSummary;
  /** Resident memory as the import went on: after how many messages, how many MB. */
  readonly samples?: readonly { readonly messages: number; readonly rssMb: number }[];
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const round1 = (n: number) => Math.round(n * 10) / 10;

async function importChild(file: string, dataDir: string): Promise<ChildReport> {
  const core = await createCore({ dataDir, queueIndex: false, autoSync: false });
  const samples: { messages: number; rssMb: number }[] = [];
  let done = 0;
  const timer = setInterval(() => samples.push({ messages: done, rssMb: mb(process.memoryUsage().rss) }), SAMPLE_MS);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const summary = await importFiles(core.store, [file], (progress) => {
    done = progress.messages;
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu);
  clearInterval(timer);
  await core.close();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return {
    messages: summary.messages,
    seconds,
    cpuSeconds,
    peakRssMb,
    summary: { ...summary, failures: summary.failures.slice(0, 10) },
    samples,
  };
}

async function floorChild(file: string): Promise<ChildReport> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let messages = 0;
  for await (const message of readMbox(file)) {
    await simpleParser(message.raw, MAIL_PARSER_OPTIONS);
    messages++;
  }
  const seconds = (performance.now() - started) / 1000;
  return { messages, seconds, cpuSeconds: cpuSince(cpu), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

/** Writes a 60 MB mail with a 44 MB attachment (random bytes, base64 in lines of 76), a slice at a time. */
async function writeLargeMail(file: string): Promise<number> {
  const handle = await open(file, 'w');
  try {
    await handle.write(
      'From: Anna Berg <anna.berg@northwind.example>\r\nTo: support@desk.example\r\nSubject: The logs\r\n' +
        'Date: Mon, 02 Mar 2026 08:15:00 +0000\r\nMessage-ID: <large@northwind.example>\r\nMIME-Version: 1.0\r\n' +
        'Content-Type: multipart/mixed; boundary="part"\r\n\r\n--part\r\nContent-Type: text/plain\r\n\r\n' +
        'The logs of the night the server stopped.\r\n--part\r\n' +
        'Content-Type: application/octet-stream; name="server.log.gz"\r\nContent-Transfer-Encoding: base64\r\n\r\n',
    );
    // 57 bytes make a line of 76 base64 characters; a slice of 18,000 lines at a time.
    const slice = 57 * 18_000;
    for (let written = 0; written < LARGE_ATTACHMENT_BYTES; written += slice) {
      const bytes = randomBytes(Math.min(slice, LARGE_ATTACHMENT_BYTES - written));
      await handle.write(bytes.toString('base64').replace(/.{1,76}/g, '$&\r\n'));
    }
    await handle.write('--part--\r\n');
  } finally {
    await handle.close();
  }
  return (await stat(file)).size;
}

interface LargeReport {
  readonly seconds: number;
  readonly idleRssMb: number;
  readonly peakRssMb: number;
  readonly summary: ImportSummary;
}

/** Imports the one large mail into a fresh workspace, the resident size sampled often against the idle process. */
async function largeChild(file: string, dataDir: string): Promise<LargeReport> {
  const core = await createCore({ dataDir, queueIndex: false, autoSync: false });
  const idle = process.memoryUsage().rss;
  let peak = idle;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const summary = await importFiles(core.store, [file]);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  await core.close();
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  return { seconds: round1(seconds), idleRssMb: mb(idle), peakRssMb: mb(peak), summary };
}

function runChild(args: readonly string[]): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, ...args],
      { maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${args[0]} child failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as ChildReport);
      },
    );
  });
}

/** Resident memory at a quarter, half, three quarters and the end of the import. */
function memoryCurve(report: ChildReport) {
  const samples = report.samples ?? [];
  return [0.25, 0.5, 0.75, 1].map((share) => {
    const at = Math.round(report.messages * share);
    const sample = samples.find((s) => s.messages >= at) ?? samples.at(-1);
    return { messages: at, rssMb: sample?.rssMb ?? null };
  });
}

export interface IntakeBenchOptions {
  readonly messages: number;
  /** Each measurement is taken this many times, ours and the floor alternately; the fastest of each counts. */
  readonly rounds: number;
  readonly log: (line: string) => void;
}

const fastest = (reports: readonly ChildReport[]) => reports.reduce((a, b) => (b.seconds < a.seconds ? b : a));

export async function benchIntake({ messages, rounds, log }: IntakeBenchOptions) {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'desk-bench-intake-'));
  try {
    const small = Math.max(1, Math.round(messages / 4));
    const whole = path.join(folder, `corpus-${messages}.mbox`);
    const quarter = path.join(folder, `corpus-${small}.mbox`);
    log(`Writing an mbox of ${messages} corpus messages and one of ${small} …`);
    await writeCorpusMbox(whole, messages);
    await writeCorpusMbox(quarter, small);
    const floors: ChildReport[] = [];
    const imports: ChildReport[] = [];
    for (let round = 1; round <= rounds; round++) {
      log(`Round ${round} of ${rounds}: mailparser alone parses the mbox …`);
      floors.push(await runChild(['floor', whole]));
      log(`Round ${round} of ${rounds}: importing the ${messages}-message mbox into a fresh workspace …`);
      imports.push(await runChild(['import', whole, path.join(folder, `whole-${round}`)]));
    }
    log(`Importing the ${small}-message mbox into a fresh workspace …`);
    const ofQuarter = await runChild(['import', quarter, path.join(folder, 'quarter')]);
    const largeMail = path.join(folder, 'large.eml');
    const largeBytes = await writeLargeMail(largeMail);
    log(`Importing one mail of ${mb(largeBytes)} MB with a ${mb(LARGE_ATTACHMENT_BYTES)} MB attachment …`);
    const large = (await runChild(['large', largeMail, path.join(folder, 'large')])) as unknown as LargeReport;
    const [ours, floor] = [fastest(imports), fastest(floors)];
    const oursRate = ours.messages / ours.seconds;
    const floorRate = floor.messages / floor.seconds;
    return {
      messages: ours.messages,
      mboxMb: mb((await stat(whole)).size),
      messagesPerSecond: Math.round(oursRate),
      seconds: round1(ours.seconds),
      cpuSeconds: round1(ours.cpuSeconds),
      floorMessagesPerSecond: Math.round(floorRate),
      floorSeconds: round1(floor.seconds),
      floorCpuSeconds: round1(floor.cpuSeconds),
      shareOfFloor: Math.round((oursRate / floorRate) * 100) / 100,
      // The same comparison in processor time (all threads), which a busy machine disturbs less.
      cpuShareOfFloor: Math.round((floor.cpuSeconds / floor.messages / (ours.cpuSeconds / ours.messages)) * 100) / 100,
      targetShare: TARGET_SHARE,
      withinTarget: oursRate >= TARGET_SHARE * floorRate,
      rounds: { seconds: imports.map((r) => round1(r.seconds)), floorSeconds: floors.map((r) => round1(r.seconds)) },
      summary: ours.summary,
      memory: {
        peakRssMb: { [small]: ofQuarter.peakRssMb, [ours.messages]: ours.peakRssMb },
        growthMb: ours.peakRssMb - ofQuarter.peakRssMb,
        floorPeakRssMb: floor.peakRssMb,
        rssDuringImport: memoryCurve(ours),
      },
      largeMail: {
        mailMb: mb(largeBytes),
        attachmentMb: mb(LARGE_ATTACHMENT_BYTES),
        seconds: large.seconds,
        idleRssMb: large.idleRssMb,
        peakRssMb: large.peakRssMb,
        aboveIdleMb: large.peakRssMb - large.idleRssMb,
        targetAboveIdleMb: LARGE_TARGET_ABOVE_IDLE_MB,
        withinTarget: large.peakRssMb - large.idleRssMb <= LARGE_TARGET_ABOVE_IDLE_MB,
        imported: large.summary.imported,
      },
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [role, file, dataDir] = process.argv.slice(2);
  if (!file || (role !== 'floor' && !dataDir) || !['import', 'floor', 'large'].includes(role ?? '')) {
    console.error('usage: intake-bench.ts import FILE DIR | large FILE DIR | floor FILE');
    process.exit(2);
  }
  const report =
    role === 'import'
      ? await importChild(file, dataDir!)
      : role === 'large'
        ? await largeChild(file, dataDir!)
        : await floorChild(file);
  console.log(JSON.stringify(report));
}
